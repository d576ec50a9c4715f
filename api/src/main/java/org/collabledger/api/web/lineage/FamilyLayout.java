package org.collabledger.api.web.lineage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.LayeringStrategy;
import org.eclipse.elk.alg.layered.options.OrderingStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.Alignment;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays out a family tree with Eclipse ELK's layered algorithm: one layer per generation from the
 * top (a record's layer is its longest path from an original, as its generation is), boxes in a
 * layer ordered to cut crossings, and citations routed orthogonally between the boxes, never
 * through one: an edge that skips generations passes the layers between in a lane of its own.
 */
final class FamilyLayout {

    private static final double MARGIN = 20;

    static {
        // Outside Eclipse nothing registers the algorithm and its options' types; ELK asks this.
        LayoutMetaDataService.getInstance()
                .registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private FamilyLayout() {}

    /** A box to place: its id and size. */
    record Box(String id, double width, double height) {}

    /** A citation to route, from resource to remix, with an optional label near its resource. */
    record Link(String from, String to, String label, double labelWidth, double labelHeight) {}

    /** A point of the picture. */
    record Point(double x, double y) {}

    /** Where a box went: its top left corner and its size. */
    record Placed(String id, double x, double y, double width, double height) {}

    /**
     * How a citation runs, from the resource's bottom to the remix's top, and its label's place.
     */
    record Route(Link link, List<Point> points, Point label) {}

    /** The laid-out picture: its size, the boxes and the routes. */
    record Layout(double width, double height, List<Placed> boxes, List<Route> routes) {}

    /**
     * Lays out {@code boxes} (in an order that breaks ties the same way every time) and the
     * citations between them.
     */
    static Layout lay(List<Box> boxes, List<Link> links) {
        ElkNode graph = ElkGraphUtil.createGraph();
        graph.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        graph.setProperty(LayeredOptions.DIRECTION, Direction.DOWN);
        graph.setProperty(LayeredOptions.LAYERING_STRATEGY, LayeringStrategy.LONGEST_PATH_SOURCE);
        graph.setProperty(LayeredOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        // The input order decides ties, so the same family always gets the same picture.
        graph.setProperty(
                LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY, OrderingStrategy.NODES_AND_EDGES);
        graph.setProperty(LayeredOptions.SPACING_NODE_NODE, 24.0);
        graph.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 40.0);
        graph.setProperty(LayeredOptions.SPACING_EDGE_NODE, 16.0);
        graph.setProperty(LayeredOptions.SPACING_EDGE_EDGE, 12.0);
        graph.setProperty(LayeredOptions.PADDING, new ElkPadding(MARGIN));
        Map<String, ElkNode> shapes = new LinkedHashMap<>();
        for (Box box : boxes) {
            ElkNode shape = ElkGraphUtil.createNode(graph);
            shape.setIdentifier(box.id());
            shape.setDimensions(box.width(), box.height());
            // A weight label sits below its resource; boxes keep to the top of their layer so
            // that labels below some of them do not shift the row.
            shape.setProperty(LayeredOptions.ALIGNMENT, Alignment.TOP);
            shapes.put(box.id(), shape);
        }
        Map<ElkEdge, Link> edges = new LinkedHashMap<>();
        for (Link link : links) {
            ElkEdge edge =
                    ElkGraphUtil.createSimpleEdge(shapes.get(link.from()), shapes.get(link.to()));
            if (link.label() != null) {
                ElkLabel label = ElkGraphUtil.createLabel(link.label(), edge);
                label.setDimensions(link.labelWidth(), link.labelHeight());
                label.setProperty(LayeredOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.TAIL);
            }
            edges.put(edge, link);
        }
        new RecursiveGraphLayoutEngine().layout(graph, new BasicProgressMonitor());

        List<Placed> placed = new ArrayList<>();
        shapes.forEach(
                (id, shape) ->
                        placed.add(
                                new Placed(
                                        id,
                                        shape.getX(),
                                        shape.getY(),
                                        shape.getWidth(),
                                        shape.getHeight())));
        List<Route> routes = new ArrayList<>();
        edges.forEach(
                (edge, link) -> {
                    ElkEdgeSection section = edge.getSections().get(0);
                    List<Point> points = new ArrayList<>();
                    points.add(new Point(section.getStartX(), section.getStartY()));
                    section.getBendPoints().forEach(b -> points.add(new Point(b.getX(), b.getY())));
                    points.add(new Point(section.getEndX(), section.getEndY()));
                    Point label =
                            edge.getLabels().isEmpty()
                                    ? null
                                    : new Point(
                                            edge.getLabels().get(0).getX(),
                                            edge.getLabels().get(0).getY());
                    routes.add(new Route(link, List.copyOf(points), label));
                });
        return new Layout(graph.getWidth(), graph.getHeight(), placed, routes);
    }
}
