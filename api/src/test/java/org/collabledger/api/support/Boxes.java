package org.collabledger.api.support;

/** Plane geometry for checking pictures: boxes, and whether a line segment enters one. */
public final class Boxes {

    private Boxes() {}

    /** An axis-aligned box by its top left corner and size. */
    public record Box(double x, double y, double width, double height) {

        /**
         * Whether the segment from (x1, y1) to (x2, y2) runs through this box's inside; touching
         * its border (within half a pixel), as an arrow ending on it does, is not entering.
         */
        public boolean entered(double x1, double y1, double x2, double y2) {
            double inset = 0.5;
            double dx = x2 - x1;
            double dy = y2 - y1;
            // Liang-Barsky: clip the segment's parameter range to each of the four slabs.
            double[] p = {-dx, dx, -dy, dy};
            double[] q = {
                x1 - (x + inset),
                (x + width - inset) - x1,
                y1 - (y + inset),
                (y + height - inset) - y1
            };
            double enter = 0;
            double leave = 1;
            for (int i = 0; i < 4; i++) {
                if (p[i] == 0) {
                    if (q[i] <= 0) {
                        return false;
                    }
                } else {
                    double t = q[i] / p[i];
                    if (p[i] < 0) {
                        enter = Math.max(enter, t);
                    } else {
                        leave = Math.min(leave, t);
                    }
                }
            }
            return enter < leave;
        }

        /** Whether the two boxes share any inside. */
        public boolean overlaps(Box other) {
            return x < other.x + other.width
                    && other.x < x + width
                    && y < other.y + other.height
                    && other.y < y + height;
        }
    }
}
