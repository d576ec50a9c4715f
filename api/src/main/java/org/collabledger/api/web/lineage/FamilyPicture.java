package org.collabledger.api.web.lineage;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.collabledger.api.web.lineage.FamilyLayout.Box;
import org.collabledger.api.web.lineage.FamilyLayout.Layout;
import org.collabledger.api.web.lineage.FamilyLayout.Link;
import org.collabledger.api.web.lineage.FamilyLayout.Placed;
import org.collabledger.api.web.lineage.FamilyLayout.Point;
import org.collabledger.api.web.lineage.FamilyLayout.Route;
import org.collabledger.projections.lineage.LineageQueries.Family;
import org.collabledger.projections.lineage.LineageQueries.FamilyNode;

/**
 * Draws a family tree as SVG, laid out by {@link FamilyLayout}: one row per generation, labelled on
 * the left, originals at the top and remixes below them, the asked-for record outlined, taken-down
 * records dashed and labelled, each record with its title, media and creator, each citation an
 * arrow from resource to remix with its weight when above one. The pages show this same picture, so
 * they share its coordinates; every text is at least 12 px at its natural size.
 */
final class FamilyPicture {

    private static final int TITLE_PX = 14;
    private static final int TEXT_PX = 12;
    // Widest average glyph of the fonts pages use (DejaVu Sans Bold: 0.64 em), so text fits.
    private static final double EM_PER_CHAR = 0.64;
    private static final double PAD = 10;
    private static final double BOX_HEIGHT = 50;
    private static final double MIN_BOX_WIDTH = 150;
    private static final double GUTTER = 96;

    private FamilyPicture() {}

    static String draw(Family family, Map<String, String> handles) {
        Map<String, FamilyNode> byId =
                family.nodes().stream()
                        .sorted(
                                Comparator.comparingInt(FamilyNode::generation)
                                        .thenComparing(n -> n.node().title())
                                        .thenComparing(n -> n.node().recordId()))
                        .collect(
                                Collectors.toMap(
                                        n -> n.node().recordId(),
                                        Function.identity(),
                                        (a, b) -> a,
                                        java.util.LinkedHashMap::new));
        Map<String, String[]> texts = new TreeMap<>();
        byId.forEach((id, node) -> texts.put(id, lines(node, handles)));
        List<Box> boxes =
                byId.keySet().stream()
                        .map(
                                id ->
                                        new Box(
                                                id,
                                                Math.max(
                                                        MIN_BOX_WIDTH,
                                                        Math.max(
                                                                        width(
                                                                                texts.get(id)[0],
                                                                                TITLE_PX),
                                                                        width(
                                                                                texts.get(id)[1],
                                                                                TEXT_PX))
                                                                + 2 * PAD),
                                                BOX_HEIGHT))
                        .toList();
        List<Link> links =
                family.edges().stream()
                        .map(
                                e -> {
                                    String label = e.weight() > 1 ? "×" + e.weight() : null;
                                    return new Link(
                                            e.from(),
                                            e.to(),
                                            label,
                                            label == null ? 0 : width(label, TEXT_PX),
                                            TEXT_PX + 4);
                                })
                        .toList();
        Layout layout = FamilyLayout.lay(boxes, links);

        double width = GUTTER + layout.width();
        StringBuilder svg = new StringBuilder();
        svg.append(
                format(
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                                + "viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, Verdana, sans-serif\" "
                                + "font-size=\"%d\" role=\"img\">%n",
                        width, layout.height(), width, layout.height(), TEXT_PX));
        svg.append("<title>Family tree of ")
                .append(escape(byId.get(family.recordId()).node().title()))
                .append(" as of position ")
                .append(family.asOf())
                .append("</title>\n");
        svg.append(
                        "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" ")
                .append(
                        "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" ")
                .append("fill=\"#555\"/></marker></defs>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        Map<Integer, Double> rows = new TreeMap<>();
        for (Placed box : layout.boxes()) {
            rows.putIfAbsent(byId.get(box.id()).generation(), box.y() + box.height() / 2);
        }
        rows.forEach(
                (generation, y) ->
                        svg.append(
                                format(
                                        "<text class=\"generation\" x=\"12\" y=\"%.1f\" fill=\"#5b6473\" "
                                                + "dominant-baseline=\"middle\">generation %d</text>%n",
                                        y, generation)));
        svg.append(format("<g transform=\"translate(%.0f,0)\">%n", GUTTER));
        for (Route route : layout.routes()) {
            String path =
                    route.points().stream()
                            .map(p -> format("%.1f,%.1f", p.x(), p.y()))
                            .collect(Collectors.joining(" L ", "M ", ""));
            svg.append(
                    format(
                            "<path class=\"edge\" data-from=\"%s\" data-to=\"%s\" d=\"%s\" fill=\"none\" "
                                    + "stroke=\"#555\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>%n",
                            route.link().from(), route.link().to(), path));
            if (route.label() != null) {
                Point at = route.label();
                svg.append(
                        format(
                                "<text class=\"edge-weight\" x=\"%.1f\" y=\"%.1f\" fill=\"#333\" "
                                        + "dominant-baseline=\"hanging\">%s</text>%n",
                                at.x(), at.y(), escape(route.link().label())));
            }
        }
        for (Placed box : layout.boxes()) {
            FamilyNode node = byId.get(box.id());
            boolean asked = box.id().equals(family.recordId());
            boolean down = node.node().takenDown();
            String[] lines = texts.get(box.id());
            svg.append(
                    format(
                            "<g id=\"record-%s\" class=\"node%s%s\" data-record=\"%s\" data-generation=\"%d\">"
                                    + "<title>%s</title>%n",
                            box.id(),
                            asked ? " focus" : "",
                            down ? " down" : "",
                            box.id(),
                            node.generation(),
                            escape(
                                    node.node().title()
                                            + " ("
                                            + node.node().mediaType()
                                            + ")"
                                            + (down ? " taken down" : ""))));
            svg.append(
                    format(
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\" fill=\"%s\" "
                                    + "stroke=\"%s\" stroke-width=\"%d\"%s/>%n",
                            box.x(),
                            box.y(),
                            box.width(),
                            box.height(),
                            down ? "#f2f2f2" : (asked ? "#fff4e0" : "#eef4ff"),
                            down ? "#b00020" : (asked ? "#e67e00" : "#3b6fb6"),
                            asked ? 3 : 1,
                            down ? " stroke-dasharray=\"6 4\"" : ""));
            svg.append(
                    format(
                            "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" font-weight=\"bold\"%s>%s</text>%n",
                            box.x() + PAD,
                            box.y() + 21,
                            TITLE_PX,
                            down ? " text-decoration=\"line-through\" fill=\"#666\"" : "",
                            escape(lines[0])));
            svg.append(
                    format(
                            "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\">%s</text>%n",
                            box.x() + PAD,
                            box.y() + 40,
                            down ? "#b00020" : "#333",
                            escape(lines[1])));
            svg.append("</g>\n");
        }
        svg.append("</g>\n</svg>\n");
        return svg.toString();
    }

    /** The two lines of a record's box: its title, then its media and creator. */
    private static String[] lines(FamilyNode node, Map<String, String> handles) {
        String creator =
                handles.getOrDefault(
                        node.node().creatorId(), node.node().creatorId().substring(0, 8));
        return new String[] {
            shorten(node.node().title(), 30),
            node.node().mediaType().name().toLowerCase(Locale.ROOT)
                    + " by "
                    + shorten(creator, 18)
                    + (node.node().takenDown() ? " · TAKEN DOWN" : "")
        };
    }

    private static double width(String text, int px) {
        return Math.ceil(text.codePointCount(0, text.length()) * px * EM_PER_CHAR);
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
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
