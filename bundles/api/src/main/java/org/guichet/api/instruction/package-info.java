/** Instruction by agents: the queue, assignment, document checks, complement requests, decisions, phone help. */
@org.osgi.annotation.versioning.Version("1.3.0")
package org.guichet.api.instruction;
