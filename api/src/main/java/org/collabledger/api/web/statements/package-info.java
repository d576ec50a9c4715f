/**
 * Statements as royalty staff read them: per artist, currency and period, in JSON and in CSV, with
 * amounts in minor units and in major units, names and titles beside the ids, and shares as exact
 * fractions and percentages (attribution.md §7).
 */
package org.collabledger.api.web.statements;
