/** Copying a JDBC event store into KurrentDB and proving the copy identical. */
package org.collabledger.ops.kurrent;
