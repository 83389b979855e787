/**
 * The use cases the outside world may call (driving ports). Each takes the tenant explicitly; the commands
 * validate themselves, so a command that exists is valid.
 */
package dev.todo.domain.port.in;
