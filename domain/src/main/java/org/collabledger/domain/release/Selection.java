package org.collabledger.domain.release;

/** One contribution selected into a release: the record, its positive weight and its role. */
public record Selection(String recordId, int weight, String role) {}
