package org.collabledger.api.web;

/** The answer to a command that changed the thing with {@code id}. */
public record Changed(String id, long ledgerPosition) implements CommandAnswer {}
