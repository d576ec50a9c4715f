package org.collabledger.domain.record;

/** A record cited as a resource of a remix, with the positive weight of its contribution. */
public record Citation(String resourceId, int weight) {}
