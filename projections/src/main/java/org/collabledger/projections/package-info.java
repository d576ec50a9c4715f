/**
 * Read models built from the events, one feature package per read model, and the queries they
 * answer.
 *
 * <p>Module boundary: depends on the domain's events, Axon's event handling and Spring's JDBC
 * template for the tables that persist read models; never on HTTP or on the application module
 * ({@code ModuleBoundaryTest}). Every projection has a reset hook and can be dropped and rebuilt
 * from the events with identical results.
 */
package org.collabledger.projections;
