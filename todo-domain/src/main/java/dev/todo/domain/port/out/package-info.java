/** What the domain needs from the outside (driven ports); every operation acts for one named tenant only. */
package dev.todo.domain.port.out;
