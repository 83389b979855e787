/** The use cases the outside world may call (driving ports), each for an explicit tenant. */
package dev.todo.domain.port.in;
