package org.collabledger.api.storage.kurrent;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.rpc.Code;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.kurrent.dbclient.proto.serverfeatures.ServerFeaturesGrpc;
import io.kurrent.dbclient.proto.serverfeatures.Serverfeatures;
import io.kurrent.dbclient.proto.shared.Shared;
import io.kurrent.dbclient.proto.streams.StreamsGrpc;
import io.kurrent.dbclient.proto.streams.StreamsOuterClass.AppendReq;
import io.kurrent.dbclient.proto.streams.StreamsOuterClass.AppendResp;
import io.kurrent.dbclient.proto.streams.StreamsOuterClass.ReadReq;
import io.kurrent.dbclient.proto.streams.StreamsOuterClass.ReadResp;
import io.kurrentdb.protocol.v2.streams.AppendRecord;
import io.kurrentdb.protocol.v2.streams.AppendRequest;
import io.kurrentdb.protocol.v2.streams.AppendResponse;
import io.kurrentdb.protocol.v2.streams.AppendSessionResponse;
import io.kurrentdb.protocol.v2.streams.SchemaFormat;
import io.kurrentdb.protocol.v2.streams.StreamsServiceGrpc;
import io.kurrentdb.protocol.v2.streams.errors.StreamAlreadyInAppendSessionErrorDetails;
import io.kurrentdb.protocol.v2.streams.errors.StreamRevisionConflictErrorDetails;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * gRPC service implementations of the stand-in. See {@link KurrentStandIn} for what is and is not
 * implemented.
 */
final class StandInServices {

    private StandInServices() {}

    static final String SERVER_VERSION = "25.1.0";

    // ================================================================== server features

    static final class Features extends ServerFeaturesGrpc.ServerFeaturesImplBase {
        @Override
        public void getSupportedMethods(
                Shared.Empty request, StreamObserver<Serverfeatures.SupportedMethods> out) {
            String v1 = "event_store.client.streams.streams";
            out.onNext(
                    Serverfeatures.SupportedMethods.newBuilder()
                            .setEventStoreServerVersion(SERVER_VERSION)
                            .addMethods(method("read", v1))
                            .addMethods(method("append", v1))
                            .addMethods(
                                    method(
                                            "getsupportedmethods",
                                            "event_store.client.server_features.serverfeatures"))
                            .addMethods(
                                    method(
                                            "appendsession",
                                            "kurrentdb.protocol.v2.streams.streamsservice"))
                            .build());
            out.onCompleted();
        }

        private static Serverfeatures.SupportedMethod method(String name, String service) {
            return Serverfeatures.SupportedMethod.newBuilder()
                    .setMethodName(name)
                    .setServiceName(service)
                    .build();
        }
    }

    // ================================================================== v1 streams

    static final class StreamsV1 extends StreamsGrpc.StreamsImplBase {
        private final StandInLog log;

        StreamsV1(StandInLog log) {
            this.log = log;
        }

        @Override
        public StreamObserver<AppendReq> append(StreamObserver<AppendResp> out) {
            return new StreamObserver<>() {
                private AppendReq.Options options;
                private final List<StandInLog.Proposed> events = new ArrayList<>();
                private boolean failed;

                @Override
                public void onNext(AppendReq req) {
                    if (failed) {
                        return;
                    }
                    try {
                        if (req.hasOptions()) {
                            options = req.getOptions();
                        } else if (req.hasProposedMessage()) {
                            events.add(toProposed(req.getProposedMessage()));
                        }
                    } catch (RuntimeException e) {
                        failed = true;
                        out.onError(
                                Status.INVALID_ARGUMENT
                                        .withDescription(e.getMessage())
                                        .asRuntimeException());
                    }
                }

                @Override
                public void onError(Throwable t) {
                    // client went away: nothing was written
                }

                @Override
                public void onCompleted() {
                    if (failed) {
                        return;
                    }
                    if (options == null) {
                        out.onError(
                                Status.INVALID_ARGUMENT
                                        .withDescription("append without options")
                                        .asRuntimeException());
                        return;
                    }
                    String stream = options.getStreamIdentifier().getStreamName().toStringUtf8();
                    long expected;
                    switch (options.getExpectedStreamRevisionCase()) {
                        case REVISION:
                            expected = options.getRevision();
                            break;
                        case NO_STREAM:
                            expected = StandInLog.NO_STREAM;
                            break;
                        case STREAM_EXISTS:
                            expected = StandInLog.STREAM_EXISTS;
                            break;
                        default:
                            expected = StandInLog.ANY;
                            break;
                    }
                    AppendResp resp;
                    try {
                        StandInLog.Written w =
                                log.append(
                                        List.of(
                                                new StandInLog.StreamWrite(
                                                        stream, expected, events)));
                        AppendResp.Success.Builder ok = AppendResp.Success.newBuilder();
                        long rev = w.lastRevisions[0];
                        if (rev < 0) {
                            ok.setNoStream(Shared.Empty.getDefaultInstance());
                        } else {
                            ok.setCurrentRevision(rev);
                        }
                        ok.setPosition(
                                AppendResp.Position.newBuilder()
                                        .setCommitPosition(w.position)
                                        .setPreparePosition(w.position));
                        resp = AppendResp.newBuilder().setSuccess(ok).build();
                    } catch (StandInLog.Conflict c) {
                        resp =
                                AppendResp.newBuilder()
                                        .setWrongExpectedVersion(wrongExpectedVersion(c))
                                        .build();
                    } catch (RuntimeException e) {
                        out.onError(
                                Status.INVALID_ARGUMENT
                                        .withDescription(e.getMessage())
                                        .asRuntimeException());
                        return;
                    }
                    out.onNext(resp);
                    out.onCompleted();
                }
            };
        }

        private static AppendResp.WrongExpectedVersion wrongExpectedVersion(StandInLog.Conflict c) {
            Shared.Empty e = Shared.Empty.getDefaultInstance();
            AppendResp.WrongExpectedVersion.Builder b =
                    AppendResp.WrongExpectedVersion.newBuilder();
            if (c.actual < 0) {
                b.setCurrentNoStream(e).setNoStream2060(e);
            } else {
                b.setCurrentRevision(c.actual).setCurrentRevision2060(c.actual);
            }
            if (c.expected == StandInLog.ANY) {
                b.setExpectedAny(e).setAny2060(e);
            } else if (c.expected == StandInLog.STREAM_EXISTS) {
                b.setExpectedStreamExists(e).setStreamExists2060(e);
            } else if (c.expected == StandInLog.NO_STREAM) {
                b.setExpectedNoStream(e);
            } else {
                b.setExpectedRevision(c.expected).setExpectedRevision2060(c.expected);
            }
            return b.build();
        }

        private static StandInLog.Proposed toProposed(AppendReq.ProposedMessage m) {
            UUID id = fromWire(m.getId());
            Map<String, String> md = m.getMetadataMap();
            String type = md.get("type");
            String contentType = md.get("content-type");
            if (type == null || contentType == null) {
                throw new IllegalArgumentException(
                        "required metadata property missing: type and content-type are required");
            }
            return new StandInLog.Proposed(
                    id,
                    type,
                    contentType,
                    m.getData().toByteArray(),
                    m.getCustomMetadata().toByteArray());
        }

        @Override
        public void read(ReadReq request, StreamObserver<ReadResp> out) {
            ReadReq.Options o = request.getOptions();
            if (o.getCountOptionCase() == ReadReq.Options.CountOptionCase.SUBSCRIPTION) {
                out.onError(
                        Status.UNIMPLEMENTED
                                .withDescription(
                                        "KurrentStandIn does not implement subscriptions (catch-up or live)")
                                .asRuntimeException());
                return;
            }
            boolean forwards = o.getReadDirection() == ReadReq.Options.ReadDirection.Forwards;
            long count = o.getCount() == 0 ? Long.MAX_VALUE : o.getCount();
            boolean structured =
                    o.getUuidOption().getContentCase()
                            != ReadReq.Options.UUIDOption.ContentCase.STRING;
            List<StandInLog.Rec> recs;
            if (o.hasStream()) {
                ReadReq.Options.StreamOptions so = o.getStream();
                String stream = so.getStreamIdentifier().getStreamName().toStringUtf8();
                recs =
                        log.readStream(
                                stream,
                                forwards,
                                so.getRevisionOptionCase()
                                                == ReadReq.Options.StreamOptions.RevisionOptionCase
                                                        .REVISION
                                        ? so.getRevision()
                                        : null,
                                so.getRevisionOptionCase()
                                        == ReadReq.Options.StreamOptions.RevisionOptionCase.END,
                                count);
                if (recs == null) {
                    out.onNext(
                            ReadResp.newBuilder()
                                    .setStreamNotFound(
                                            ReadResp.StreamNotFound.newBuilder()
                                                    .setStreamIdentifier(so.getStreamIdentifier()))
                                    .build());
                    out.onCompleted();
                    return;
                }
            } else if (o.hasAll()) {
                ReadReq.Options.AllOptions ao = o.getAll();
                Predicate<StandInLog.Rec> filter;
                try {
                    filter = o.hasFilter() ? filter(o.getFilter()) : r -> true;
                } catch (RuntimeException e) {
                    out.onError(
                            Status.INVALID_ARGUMENT
                                    .withDescription("bad filter: " + e.getMessage())
                                    .asRuntimeException());
                    return;
                }
                recs =
                        log.readAll(
                                forwards,
                                ao.getPosition().getCommitPosition(),
                                ao.getPosition().getPreparePosition(),
                                ao.getAllOptionCase()
                                        == ReadReq.Options.AllOptions.AllOptionCase.START,
                                ao.getAllOptionCase()
                                        == ReadReq.Options.AllOptions.AllOptionCase.END,
                                count,
                                filter);
            } else {
                out.onError(
                        Status.INVALID_ARGUMENT
                                .withDescription("read without stream or all option")
                                .asRuntimeException());
                return;
            }
            for (StandInLog.Rec r : recs) {
                out.onNext(
                        ReadResp.newBuilder()
                                .setEvent(
                                        ReadResp.ReadEvent.newBuilder()
                                                .setEvent(toWire(r, structured))
                                                .setCommitPosition(r.position))
                                .build());
            }
            out.onCompleted();
        }

        private static Predicate<StandInLog.Rec> filter(ReadReq.Options.FilterOptions f) {
            ReadReq.Options.FilterOptions.Expression ex;
            boolean onStream;
            switch (f.getFilterCase()) {
                case STREAM_IDENTIFIER:
                    ex = f.getStreamIdentifier();
                    onStream = true;
                    break;
                case EVENT_TYPE:
                    ex = f.getEventType();
                    onStream = false;
                    break;
                default:
                    return r -> true;
            }
            List<String> prefixes = ex.getPrefixList();
            Pattern regex = ex.getRegex().isEmpty() ? null : Pattern.compile(ex.getRegex());
            return r -> {
                String subject = onStream ? r.stream : r.type;
                if (!prefixes.isEmpty()) {
                    for (String p : prefixes) {
                        if (subject.startsWith(p)) {
                            return true;
                        }
                    }
                    return false;
                }
                return regex == null || regex.matcher(subject).find();
            };
        }

        private static ReadResp.ReadEvent.RecordedEvent toWire(
                StandInLog.Rec r, boolean structured) {
            Shared.UUID id =
                    structured
                            ? Shared.UUID
                                    .newBuilder()
                                    .setStructured(
                                            Shared.UUID
                                                    .Structured
                                                    .newBuilder()
                                                    .setMostSignificantBits(
                                                            r.id.getMostSignificantBits())
                                                    .setLeastSignificantBits(
                                                            r.id.getLeastSignificantBits()))
                                    .build()
                            : Shared.UUID.newBuilder().setString(r.id.toString()).build();
            return ReadResp.ReadEvent.RecordedEvent.newBuilder()
                    .setId(id)
                    .setStreamIdentifier(
                            Shared.StreamIdentifier.newBuilder()
                                    .setStreamName(ByteString.copyFromUtf8(r.stream)))
                    .setStreamRevision(r.revision)
                    .setCommitPosition(r.position)
                    .setPreparePosition(r.position)
                    .putMetadata("type", r.type)
                    .putMetadata("content-type", r.contentType)
                    .putMetadata("created", Long.toString(r.createdTicks))
                    .setCustomMetadata(ByteString.copyFrom(r.customMetadata))
                    .setData(ByteString.copyFrom(r.data))
                    .build();
        }
    }

    static UUID fromWire(Shared.UUID id) {
        switch (id.getValueCase()) {
            case STRUCTURED:
                return new UUID(
                        id.getStructured().getMostSignificantBits(),
                        id.getStructured().getLeastSignificantBits());
            case STRING:
                return UUID.fromString(id.getString());
            default:
                throw new IllegalArgumentException("event id missing");
        }
    }

    // ================================================================== v2 streams (multi-stream
    // append)

    static final class StreamsV2 extends StreamsServiceGrpc.StreamsServiceImplBase {
        private final StandInLog log;

        StreamsV2(StandInLog log) {
            this.log = log;
        }

        @Override
        public StreamObserver<AppendRequest> appendSession(
                StreamObserver<AppendSessionResponse> out) {
            return new StreamObserver<>() {
                private final List<AppendRequest> requests = new ArrayList<>();

                @Override
                public void onNext(AppendRequest value) {
                    requests.add(value);
                }

                @Override
                public void onError(Throwable t) {
                    // client went away: nothing is written
                }

                @Override
                public void onCompleted() {
                    if (requests.isEmpty()) {
                        out.onError(
                                Status.FAILED_PRECONDITION
                                        .withDescription("append session without requests")
                                        .asRuntimeException());
                        return;
                    }
                    List<StandInLog.StreamWrite> writes = new ArrayList<>();
                    Set<String> seen = new HashSet<>();
                    try {
                        for (AppendRequest req : requests) {
                            if (!seen.add(req.getStream().toLowerCase(java.util.Locale.ROOT))) {
                                out.onError(
                                        StatusProto.toStatusRuntimeException(
                                                com.google.rpc.Status.newBuilder()
                                                        .setCode(Code.ABORTED_VALUE)
                                                        .setMessage(
                                                                "Stream '"
                                                                        + req.getStream()
                                                                        + "' is already in the append session")
                                                        .addDetails(
                                                                Any.pack(
                                                                        StreamAlreadyInAppendSessionErrorDetails
                                                                                .newBuilder()
                                                                                .setStream(
                                                                                        req
                                                                                                .getStream())
                                                                                .build()))
                                                        .build()));
                                return;
                            }
                            List<StandInLog.Proposed> events = new ArrayList<>();
                            for (AppendRecord rec : req.getRecordsList()) {
                                events.add(toProposed(rec));
                            }
                            long expected =
                                    req.hasExpectedRevision()
                                            ? req.getExpectedRevision()
                                            : StandInLog.ANY;
                            writes.add(
                                    new StandInLog.StreamWrite(req.getStream(), expected, events));
                        }
                    } catch (RuntimeException e) {
                        out.onError(
                                Status.INVALID_ARGUMENT
                                        .withDescription(e.getMessage())
                                        .asRuntimeException());
                        return;
                    }
                    StandInLog.Written w;
                    try {
                        w = log.append(writes);
                    } catch (StandInLog.Conflict c) {
                        out.onError(
                                StatusProto.toStatusRuntimeException(
                                        com.google.rpc.Status.newBuilder()
                                                .setCode(Code.FAILED_PRECONDITION_VALUE)
                                                .setMessage(
                                                        "Append failed due to a revision conflict on stream '"
                                                                + c.stream
                                                                + "'. Expected revision: "
                                                                + c.expected
                                                                + ". Actual revision: "
                                                                + c.actual
                                                                + ".")
                                                .addDetails(
                                                        Any.pack(
                                                                StreamRevisionConflictErrorDetails
                                                                        .newBuilder()
                                                                        .setStream(c.stream)
                                                                        .setExpectedRevision(
                                                                                c.expected)
                                                                        .setActualRevision(c.actual)
                                                                        .build()))
                                                .build()));
                        return;
                    } catch (RuntimeException e) {
                        out.onError(
                                Status.INVALID_ARGUMENT
                                        .withDescription(e.getMessage())
                                        .asRuntimeException());
                        return;
                    }
                    AppendSessionResponse.Builder resp =
                            AppendSessionResponse.newBuilder().setPosition(w.position);
                    for (int i = 0; i < writes.size(); i++) {
                        resp.addOutput(
                                AppendResponse.newBuilder()
                                        .setStream(writes.get(i).stream)
                                        .setStreamRevision(w.lastRevisions[i]));
                    }
                    out.onNext(resp.build());
                    out.onCompleted();
                }
            };
        }

        private static StandInLog.Proposed toProposed(AppendRecord rec) {
            UUID id = rec.hasRecordId() ? UUID.fromString(rec.getRecordId()) : UUID.randomUUID();
            String type = rec.getSchema().getName();
            if (type.isEmpty()) {
                throw new IllegalArgumentException("schema name is required");
            }
            boolean json = rec.getSchema().getFormat() == SchemaFormat.SCHEMA_FORMAT_JSON;
            return new StandInLog.Proposed(
                    id,
                    type,
                    json ? "application/json" : "application/octet-stream",
                    rec.getData().toByteArray(),
                    propertiesAsV1Metadata(rec).getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * What a v1 reader sees as custom metadata of a v2 record, following KurrentDB 25.1: the
     * record's properties as a JSON object, plus "$schema.format" (the format name, for non-JSON
     * records added on append; for JSON records "Json" added on read) and "$schema.name" (the event
     * type), and "$schema.id" when a schema id was given.
     */
    static String propertiesAsV1Metadata(AppendRecord rec) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Value> e : rec.getPropertiesMap().entrySet()) {
            first = member(sb, first, e.getKey(), e.getValue());
        }
        SchemaFormat format = rec.getSchema().getFormat();
        if (format != SchemaFormat.SCHEMA_FORMAT_JSON) {
            first =
                    member(
                            sb,
                            first,
                            "$schema.format",
                            Value.newBuilder().setStringValue(formatName(format)).build());
        }
        if (rec.getSchema().hasId()) {
            first =
                    member(
                            sb,
                            first,
                            "$schema.id",
                            Value.newBuilder().setStringValue(rec.getSchema().getId()).build());
        }
        first =
                member(
                        sb,
                        first,
                        "$schema.name",
                        Value.newBuilder().setStringValue(rec.getSchema().getName()).build());
        if (format == SchemaFormat.SCHEMA_FORMAT_JSON) {
            member(sb, first, "$schema.format", Value.newBuilder().setStringValue("Json").build());
        }
        return sb.append('}').toString();
    }

    private static String formatName(SchemaFormat f) {
        switch (f) {
            case SCHEMA_FORMAT_PROTOBUF:
                return "Protobuf";
            case SCHEMA_FORMAT_AVRO:
                return "Avro";
            case SCHEMA_FORMAT_BYTES:
                return "Bytes";
            default:
                return "Unspecified";
        }
    }

    private static boolean member(StringBuilder sb, boolean first, String key, Value v) {
        if (!first) {
            sb.append(',');
        }
        quote(sb, key);
        sb.append(':');
        value(sb, v);
        return false;
    }

    private static void value(StringBuilder sb, Value v) {
        switch (v.getKindCase()) {
            case STRING_VALUE:
                quote(sb, v.getStringValue());
                break;
            case BOOL_VALUE:
                sb.append(v.getBoolValue());
                break;
            case NUMBER_VALUE:
                {
                    double d = v.getNumberValue();
                    if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
                        sb.append((long) d);
                    } else {
                        sb.append(d);
                    }
                    break;
                }
            case STRUCT_VALUE:
                {
                    Struct s = v.getStructValue();
                    sb.append('{');
                    boolean first = true;
                    for (Map.Entry<String, Value> e : s.getFieldsMap().entrySet()) {
                        first = member(sb, first, e.getKey(), e.getValue());
                    }
                    sb.append('}');
                    break;
                }
            case LIST_VALUE:
                {
                    ListValue l = v.getListValue();
                    sb.append('[');
                    for (int i = 0; i < l.getValuesCount(); i++) {
                        if (i > 0) {
                            sb.append(',');
                        }
                        value(sb, l.getValues(i));
                    }
                    sb.append(']');
                    break;
                }
            default:
                sb.append("null");
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
