package org.collabledger.domain.attribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.collabledger.domain.record.Citation;

/**
 * A lineage written down in a test, record by record, so attribution can be checked without events
 * or storage.
 */
final class InMemoryLineage implements LineageSource {

    private final Map<String, RecordFacts> records = new LinkedHashMap<>();

    static Citation cites(String resourceId, int weight) {
        return new Citation(resourceId, weight);
    }

    /** A record with no resources. */
    InMemoryLineage original(String recordId, String creatorId) {
        return remix(recordId, creatorId);
    }

    /** A record citing {@code resources}, in the order given. */
    InMemoryLineage remix(String recordId, String creatorId, Citation... resources) {
        return put(new RecordFacts(recordId, creatorId, false, List.of(resources)));
    }

    InMemoryLineage put(RecordFacts facts) {
        if (records.containsKey(facts.recordId())) {
            throw new IllegalArgumentException(
                    "record " + facts.recordId() + " is written down twice");
        }
        records.put(facts.recordId(), facts);
        return this;
    }

    /** Marks records as taken down; they stay in the lineage, as they do in the ledger. */
    InMemoryLineage takeDown(String... recordIds) {
        for (String id : Arrays.asList(recordIds)) {
            RecordFacts known = records.get(id);
            if (known == null) {
                throw new IllegalArgumentException("cannot take down unknown record " + id);
            }
            records.put(id, new RecordFacts(id, known.creatorId(), true, known.resources()));
        }
        return this;
    }

    /** An independent copy, so a test can compare a lineage before and after a takedown. */
    InMemoryLineage copy() {
        InMemoryLineage copy = new InMemoryLineage();
        records.values()
                .forEach(
                        facts ->
                                copy.put(
                                        new RecordFacts(
                                                facts.recordId(),
                                                facts.creatorId(),
                                                facts.takenDown(),
                                                new ArrayList<>(facts.resources()))));
        return copy;
    }

    @Override
    public Optional<RecordFacts> record(String recordId) {
        return Optional.ofNullable(records.get(recordId));
    }
}
