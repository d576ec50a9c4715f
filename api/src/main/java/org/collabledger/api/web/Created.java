package org.collabledger.api.web;

/**
 * The answer to a command that made something new: its id; the {@code Location} header says where
 * it is.
 */
public record Created(String id, long ledgerPosition) implements CommandAnswer {}
