package org.collabledger.api.web.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.collabledger.api.support.Boxes.Box;
import org.collabledger.api.web.lineage.FamilyLayout.Layout;
import org.collabledger.api.web.lineage.FamilyLayout.Link;
import org.collabledger.api.web.lineage.FamilyLayout.Placed;
import org.collabledger.api.web.lineage.FamilyLayout.Point;
import org.collabledger.api.web.lineage.FamilyLayout.Route;

/**
 * ELK's layout of any family tree (random lineage: originals, remixes of up to three earlier
 * records, edges that skip generations, boxes of many widths, weight labels) reads as a family
 * tree: boxes apart, one row per generation from the top, every citation from its resource's bottom
 * down to its remix's top, and no citation or label through a box.
 */
class FamilyLayoutTest {

    @Property(tries = 60)
    void familiesAreLaidOutInGenerationsWithNoEdgeThroughABox(@ForAll long seed) {
        Random random = new Random(seed);
        int records = 2 + random.nextInt(24);
        List<FamilyLayout.Box> boxes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        Map<String, Integer> generation = new HashMap<>();
        for (int i = 0; i < records; i++) {
            String id = "r" + i;
            boxes.add(new FamilyLayout.Box(id, 150 + random.nextInt(150), 50));
            int highest = -1;
            int resources =
                    i > 0 && (i == records - 1 || random.nextInt(3) > 0)
                            ? 1 + random.nextInt(3)
                            : 0;
            List<Integer> cited = new ArrayList<>();
            for (int k = 0; k < resources; k++) {
                int from = random.nextInt(i);
                if (!cited.contains(from)) {
                    cited.add(from);
                    boolean weighty = random.nextInt(4) == 0;
                    links.add(new Link("r" + from, id, weighty ? "×3" : null, 18, 16));
                    highest = Math.max(highest, generation.get("r" + from));
                }
            }
            generation.put(id, highest + 1);
        }

        // A family is connected: keep the records linked to the newest one.
        List<String> family = new ArrayList<>(List.of("r" + (records - 1)));
        for (int i = 0; i < family.size(); i++) {
            for (Link link : links) {
                if (link.to().equals(family.get(i)) && !family.contains(link.from())) {
                    family.add(link.from());
                }
                if (link.from().equals(family.get(i)) && !family.contains(link.to())) {
                    family.add(link.to());
                }
            }
        }
        boxes.removeIf(box -> !family.contains(box.id()));
        links.removeIf(link -> !family.contains(link.to()));

        Layout layout = FamilyLayout.lay(boxes, links);

        Map<String, Placed> placed = new HashMap<>();
        layout.boxes().forEach(b -> placed.put(b.id(), b));
        assertThat(placed).hasSize(family.size());
        for (Placed a : layout.boxes()) {
            assertThat(a.x()).isNotNegative();
            assertThat(a.x() + a.width()).isLessThanOrEqualTo(layout.width());
            assertThat(a.y() + a.height()).isLessThanOrEqualTo(layout.height());
            for (Placed b : layout.boxes()) {
                assertThat(a == b || !box(a).overlaps(box(b))).as(a + " overlaps " + b).isTrue();
                int order = Integer.compare(generation.get(a.id()), generation.get(b.id()));
                assertThat(Double.compare(a.y(), b.y()))
                        .as("rows of %s and %s follow their generations", a.id(), b.id())
                        .isEqualTo(order);
            }
        }
        for (Route route : layout.routes()) {
            Placed from = placed.get(route.link().from());
            Placed to = placed.get(route.link().to());
            List<Point> points = route.points();
            Point start = points.get(0);
            Point end = points.get(points.size() - 1);
            assertThat(start.y())
                    .as("leaves its resource's bottom")
                    .isEqualTo(from.y() + from.height());
            assertThat(start.x()).isBetween(from.x(), from.x() + from.width());
            assertThat(end.y()).as("enters its remix's top").isEqualTo(to.y());
            assertThat(end.x()).isBetween(to.x(), to.x() + to.width());
            for (int i = 1; i < points.size(); i++) {
                Point a = points.get(i - 1);
                Point b = points.get(i);
                assertThat(b.y()).as("runs downward").isGreaterThanOrEqualTo(a.y());
                for (Placed any : layout.boxes()) {
                    assertThat(box(any).entered(a.x(), a.y(), b.x(), b.y()))
                            .as("%s→%s runs through %s", from.id(), to.id(), any.id())
                            .isFalse();
                }
            }
            if (route.label() != null) {
                Box label =
                        new Box(
                                route.label().x(),
                                route.label().y(),
                                route.link().labelWidth(),
                                route.link().labelHeight());
                layout.boxes()
                        .forEach(
                                any ->
                                        assertThat(label.overlaps(box(any)))
                                                .as(
                                                        "label of %s→%s on %s",
                                                        from.id(), to.id(), any.id())
                                                .isFalse());
            }
        }
    }

    private static Box box(Placed placed) {
        return new Box(placed.x(), placed.y(), placed.width(), placed.height());
    }
}
