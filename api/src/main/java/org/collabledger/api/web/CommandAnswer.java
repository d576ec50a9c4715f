package org.collabledger.api.web;

/**
 * The body of a command's answer: whatever the command reports, and the global position of its last
 * event, which a read passes as {@code ?atLeast=} to see the command's effect ({@link
 * ReadYourWrites}). The API document tells commands by this return type.
 */
public interface CommandAnswer {

    /** The position of the command's last event, as the {@value ReadYourWrites#HEADER} header. */
    long ledgerPosition();
}
