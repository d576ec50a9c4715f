/**
 * Operations: benchmarks that print figures ({@code bench}), and later the tools, fault tests and
 * deployment layouts. Depends on the application module and runs it in-process against real
 * databases; nothing in the application depends on this module.
 */
package org.collabledger.ops;
