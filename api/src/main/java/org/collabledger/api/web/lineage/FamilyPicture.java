package org.collabledger.api.web.lineage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.collabledger.projections.lineage.LineageQueries.Edge;
import org.collabledger.projections.lineage.LineageQueries.Family;
import org.collabledger.projections.lineage.LineageQueries.FamilyNode;

/**
 * Draws a family tree as SVG: one row per generation, originals at the top and remixes below them,
 * the asked-for record outlined, taken-down records greyed, dashed and labelled, each record with
 * its title and creator, each citation an arrow from resource to remix with its weight when above
 * one.
 */
final class FamilyPicture {

    private static final int BOX_WIDTH = 170;
    private static final int BOX_HEIGHT = 48;
    private static final int GAP_X = 24;
    private static final int GAP_Y = 70;
    private static final int MARGIN = 20;

    private FamilyPicture() {}

    static String draw(Family family, Map<String, String> handles) {
        Map<Integer, List<FamilyNode>> rows = new TreeMap<>();
        family.nodes()
                .forEach(n -> rows.computeIfAbsent(n.generation(), g -> new ArrayList<>()).add(n));
        Map<String, List<String>> resourcesOf = new HashMap<>();
        family.edges()
                .forEach(
                        e ->
                                resourcesOf
                                        .computeIfAbsent(e.to(), k -> new ArrayList<>())
                                        .add(e.from()));

        // Rows top-down; within a row, order by the mean position of a record's resources to cut
        // crossings.
        Map<String, double[]> at = new HashMap<>();
        int widest = rows.values().stream().mapToInt(List::size).max().orElse(1);
        int width = MARGIN * 2 + widest * (BOX_WIDTH + GAP_X) - GAP_X;
        for (Map.Entry<Integer, List<FamilyNode>> row : rows.entrySet()) {
            List<FamilyNode> nodes = row.getValue();
            nodes.sort(
                    Comparator.comparingDouble((FamilyNode n) -> barycenter(n, resourcesOf, at))
                            .thenComparing(n -> n.node().recordId()));
            int rowWidth = nodes.size() * (BOX_WIDTH + GAP_X) - GAP_X;
            double x = (width - rowWidth) / 2.0;
            double y = MARGIN + row.getKey() * (BOX_HEIGHT + GAP_Y);
            for (FamilyNode node : nodes) {
                at.put(node.node().recordId(), new double[] {x, y});
                x += BOX_WIDTH + GAP_X;
            }
        }
        int height = MARGIN * 2 + rows.size() * (BOX_HEIGHT + GAP_Y) - GAP_Y;

        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">\n");
        svg.append("<title>Family tree of ")
                .append(escape(title(family)))
                .append(" as of position ")
                .append(family.asOf())
                .append("</title>\n");
        svg.append(
                        "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" ")
                .append(
                        "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" ")
                .append("fill=\"#555\"/></marker></defs>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        for (Edge edge : family.edges()) {
            double[] from = at.get(edge.from());
            double[] to = at.get(edge.to());
            double x1 = from[0] + BOX_WIDTH / 2.0;
            double y1 = from[1] + BOX_HEIGHT;
            double x2 = to[0] + BOX_WIDTH / 2.0;
            double y2 = to[1];
            svg.append(
                    String.format(
                            java.util.Locale.ROOT,
                            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\" stroke-width=\"%d\" "
                                    + "marker-end=\"url(#arrow)\"/>%n",
                            x1,
                            y1,
                            x2,
                            y2,
                            Math.min(6, edge.weight())));
            if (edge.weight() > 1) {
                svg.append(
                        String.format(
                                java.util.Locale.ROOT,
                                "<text x=\"%.1f\" y=\"%.1f\" fill=\"#333\" font-size=\"11\">×%d</text>%n",
                                (x1 + x2) / 2 + 4,
                                (y1 + y2) / 2,
                                edge.weight()));
            }
        }
        for (FamilyNode node : family.nodes()) {
            double[] xy = at.get(node.node().recordId());
            boolean asked = node.node().recordId().equals(family.recordId());
            boolean down = node.node().takenDown();
            svg.append(
                    String.format(
                            java.util.Locale.ROOT,
                            "<g id=\"record-%s\"><title>%s</title>%n",
                            node.node().recordId(),
                            escape(
                                    node.node().title()
                                            + " ("
                                            + node.node().mediaType()
                                            + ")"
                                            + (down ? " taken down" : ""))));
            svg.append(
                    String.format(
                            java.util.Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"%s\" stroke=\"%s\" "
                                    + "stroke-width=\"%d\"%s/>%n",
                            xy[0],
                            xy[1],
                            BOX_WIDTH,
                            BOX_HEIGHT,
                            down ? "#e6e6e6" : (asked ? "#fff4e0" : "#eef4ff"),
                            down ? "#b00020" : (asked ? "#e67e00" : "#3b6fb6"),
                            asked ? 4 : 1,
                            down ? " stroke-dasharray=\"6 4\"" : ""));
            svg.append(
                    String.format(
                            java.util.Locale.ROOT,
                            "<text x=\"%.1f\" y=\"%.1f\" font-weight=\"bold\"%s>%s</text>%n",
                            xy[0] + 8,
                            xy[1] + 18,
                            down ? " text-decoration=\"line-through\" fill=\"#666\"" : "",
                            escape(shorten(node.node().title(), 24))));
            String creator =
                    handles.getOrDefault(
                            node.node().creatorId(), node.node().creatorId().substring(0, 8));
            svg.append(
                    String.format(
                            java.util.Locale.ROOT,
                            "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\">%s</text>%n",
                            xy[0] + 8,
                            xy[1] + 36,
                            down ? "#b00020" : "#333",
                            escape("by " + shorten(creator, 16) + (down ? " · TAKEN DOWN" : ""))));
            svg.append("</g>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double barycenter(
            FamilyNode node, Map<String, List<String>> resourcesOf, Map<String, double[]> at) {
        List<String> resources = resourcesOf.getOrDefault(node.node().recordId(), List.of());
        return resources.stream()
                .map(at::get)
                .filter(p -> p != null)
                .mapToDouble(p -> p[0])
                .average()
                .orElse(0);
    }

    private static String title(Family family) {
        return family.nodes().stream()
                .filter(n -> n.node().recordId().equals(family.recordId()))
                .map(n -> n.node().title())
                .findFirst()
                .orElse(family.recordId());
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
