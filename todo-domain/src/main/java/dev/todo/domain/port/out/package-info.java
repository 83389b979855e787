/**
 * What the domain needs from the outside (driven ports): storage for todos and units of work. Every operation
 * names the tenant it acts for; an implementation never returns or touches another tenant's data.
 */
package dev.todo.domain.port.out;
