/**
 * Tamper evidence for the event store: a Merkle tree over the global event stream in the shape of
 * RFC 6962 (Certificate Transparency), its digests and inclusion proofs, and the canonical bytes of
 * one stored event that a leaf commits to. Pure computation: the storage wiring reads the events
 * and keeps the seal; an auditor can check a proof with this package and a digest alone.
 */
package org.collabledger.domain.evidence;
