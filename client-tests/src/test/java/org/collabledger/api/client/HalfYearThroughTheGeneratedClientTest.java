package org.collabledger.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.collabledger.api.LedgerApplication;
import org.collabledger.client.ApiClient;
import org.collabledger.client.api.ArtistsApi;
import org.collabledger.client.api.CollaborationsApi;
import org.collabledger.client.api.EvidenceApi;
import org.collabledger.client.api.MoneyApi;
import org.collabledger.client.api.RecordsApi;
import org.collabledger.client.api.ReleasesApi;
import org.collabledger.client.api.StatementsApi;
import org.collabledger.client.model.AllocationView;
import org.collabledger.client.model.ArtistStatement;
import org.collabledger.client.model.CollaborationOpening;
import org.collabledger.client.model.CommentBody;
import org.collabledger.client.model.Created;
import org.collabledger.client.model.DigestBody;
import org.collabledger.client.model.DigestView;
import org.collabledger.client.model.EntryBody;
import org.collabledger.client.model.Line;
import org.collabledger.client.model.PaymentEntry;
import org.collabledger.client.model.PayoutBody;
import org.collabledger.client.model.Problem;
import org.collabledger.client.model.ProfileChange;
import org.collabledger.client.model.ProposalBody;
import org.collabledger.client.model.ReasonBody;
import org.collabledger.client.model.Registration;
import org.collabledger.client.model.ReleaseOpening;
import org.collabledger.client.model.ResourceRef;
import org.collabledger.client.model.SelectionRequest;
import org.collabledger.client.model.SettleBody;
import org.collabledger.client.model.Submission;
import org.collabledger.client.model.Upload;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClientResponseException;

/**
 * A whole half-year driven through the Java client generated from the API document the ledger
 * serves, and through nothing else: every figure is read back at the position the command before it
 * reported (read your writes, no retries), and each kind of refusal is decoded as the document's
 * typed problem.
 */
@SpringBootTest(
        classes = LedgerApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ledger.demo.enabled=false",
            "spring.datasource.url=jdbc:h2:mem:client-tests;DB_CLOSE_DELAY=-1",
            // The refusal of a read whose position is never reached answers after this wait.
            "ledger.reads.wait=500ms"
        })
class HalfYearThroughTheGeneratedClientTest {

    private static final String PASSWORD = "ledger-dev";

    @LocalServerPort int port;

    private ArtistsApi artists;
    private RecordsApi records;
    private CollaborationsApi collaborations;
    private ReleasesApi curation;
    private MoneyApi money;
    private MoneyApi curatorMoney;
    private MoneyApi artistMoney;
    private MoneyApi auditorMoney;
    private StatementsApi auditorStatements;
    private ReleasesApi auditorReleases;
    private EvidenceApi evidence;

    /** The newest position a command reported; every read asks for at least it. */
    private long position;

    @BeforeEach
    void signIn() {
        artists = new ArtistsApi(client("artist"));
        records = new RecordsApi(client("artist"));
        collaborations = new CollaborationsApi(client("curator"));
        curation = new ReleasesApi(client("curator"));
        money = new MoneyApi(client("finance"));
        curatorMoney = new MoneyApi(client("curator"));
        artistMoney = new MoneyApi(client("artist"));
        auditorMoney = new MoneyApi(client("auditor"));
        auditorStatements = new StatementsApi(client("auditor"));
        auditorReleases = new ReleasesApi(client("auditor"));
        evidence = new EvidenceApi(client("auditor"));
    }

    private ApiClient client(String user) {
        ApiClient client = new ApiClient();
        client.setBasePath("http://localhost:" + port);
        client.setUsername(user);
        client.setPassword(PASSWORD);
        return client;
    }

    @Test
    void aWholeHalfYearThroughTheGeneratedClient() {
        Map<String, String> ids = new HashMap<>();
        for (String name : List.of("ana", "ben", "cai", "dee", "eve")) {
            ResponseEntity<Created> registered =
                    artists.registerWithHttpInfo(
                            new Registration().handle(name).displayName(name.toUpperCase()),
                            null,
                            null);
            assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
            ids.put(name, seen(registered.getBody()).getId());
            assertThat(registered.getHeaders().getLocation())
                    .hasToString("/api/artists/" + ids.get(name));
        }

        String draw = upload(ids.get("dee"), "draw");
        String narr = upload(ids.get("cai"), "narr");
        String anim = upload(ids.get("ben"), "anim", draw);
        String film = upload(ids.get("ana"), "film", anim, narr);
        String song = upload(ids.get("eve"), "song");
        assertThat(records.record(film, null, position, null, null).getResources()).hasSize(2);

        String call =
                created(
                        collaborations.openCollaboration(
                                new CollaborationOpening()
                                        .title("Short films")
                                        .theme("water")
                                        .prompt("three minutes of water"),
                                null,
                                null));
        seen(
                new CollaborationsApi(client("artist"))
                        .submit(call, new Submission().recordId(film), null, null));
        assertThat(collaborations.collaboration(call, null, position, null, null).getSubmissions())
                .singleElement()
                .satisfies(submitted -> assertThat(submitted.getRecordId()).isEqualTo(film));

        String release =
                created(
                        curation.openRelease(
                                new ReleaseOpening()
                                        .title("Example A")
                                        .kind(ReleaseOpening.KindEnum.FILM)
                                        .fundingModel(ReleaseOpening.FundingModelEnum.PROFIT_SHARE)
                                        .poolRate("1/2")
                                        .retention("1/2")
                                        .collaborationId(call),
                                null,
                                null));
        created(
                curation.select(
                        release,
                        new SelectionRequest().recordId(film).weight(3).role("animation"),
                        null,
                        null));
        created(
                curation.select(
                        release,
                        new SelectionRequest().recordId(song).weight(1).role("music"),
                        null,
                        null));
        assertThat(seen(curation.publish(release, null, null)).getPublished()).isTrue();

        Map<String, String> shares =
                auditorReleases
                        .attribution(release, null, position, null, null)
                        .getArtists()
                        .stream()
                        .collect(Collectors.toMap(a -> a.getArtistId(), a -> a.getShare()));
        assertThat(shares)
                .containsEntry(ids.get("ana"), "3/8")
                .containsEntry(ids.get("eve"), "1/4");
        assertThat(auditorReleases.manifest(release, null, position, null, null).getArtists())
                .hasSize(5);

        created(money.revenue(release, entry(80_000, "sales-2026-07"), null, null));
        String typo = created(money.revenue(release, entry(999_999, "typo"), null, null));
        created(money.revenue(release, entry(40_000, "sales-2026-08"), null, null));
        created(money.cost(release, entry(20_000, "mastering"), null, null));
        assertThat(
                        seen(money.reverse(
                                        release, typo, new ReasonBody().reason("typo"), null, null))
                                .getReversed())
                .isTrue();

        // net 100,000; pool floor(100,000 · 1/2) = 50,000, split as in worked example A.
        String allocation =
                created(
                        curatorMoney.propose(
                                release,
                                new ProposalBody().currency("USD").reviewDays(0),
                                null,
                                null));
        AllocationView proposed = auditorMoney.allocation(allocation, null, position, null, null);
        assertThat(proposed.getPool()).isEqualTo(50_000L);
        assertThat(amounts(proposed))
                .containsEntry(ids.get("ana"), 18_750L)
                .containsEntry(ids.get("cai"), 9_375L)
                .containsEntry(ids.get("eve"), 12_500L);

        seen(
                artistMoney.comment(
                        allocation,
                        new CommentBody()
                                .artistId(ids.get("dee"))
                                .claim(CommentBody.ClaimEnum.TOO_LOW)
                                .text("the drawing is the whole look of the film"),
                        null,
                        null));
        seen(
                curatorMoney.revise(
                        allocation, new ReasonBody().reason("checked: split stands"), null, null));
        assertThat(seen(money.finalizeAllocation(allocation, null, null)).getFinalized()).isTrue();
        AllocationView finalized = auditorMoney.allocation(allocation, null, position, null, null);
        assertThat(finalized.getStatus()).isEqualTo("FINALIZED");
        assertThat(finalized.getComments()).hasSize(1);

        // Threshold 5,000: ben and dee (4,688 / 4,687) are deferred, the others paid.
        String run =
                created(
                        money.payout(
                                new PayoutBody().currency("USD").threshold(5_000L), null, null));
        Map<String, String> paymentOf =
                auditorMoney.payoutRun(run, position, null).getPayments().stream()
                        .collect(
                                Collectors.toMap(
                                        PaymentEntry::getArtistId, PaymentEntry::getPaymentId));
        assertThat(paymentOf.keySet())
                .containsExactlyInAnyOrder(ids.get("ana"), ids.get("cai"), ids.get("eve"));
        assertThat(
                        seen(money.settle(
                                        paymentOf.get(ids.get("ana")),
                                        null,
                                        null,
                                        new SettleBody().externalRef("bank-1")))
                                .getState())
                .isEqualTo("SETTLED");
        assertThat(
                        seen(money.fail(
                                        paymentOf.get(ids.get("cai")),
                                        new ReasonBody().reason("closed account"),
                                        null,
                                        null))
                                .getState())
                .isEqualTo("FAILED");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (String name : List.of("ana", "ben", "cai", "dee", "eve")) {
            ArtistStatement statement =
                    auditorStatements.statement(
                            ids.get(name),
                            "USD",
                            today.minusMonths(6).toString(),
                            today.plusDays(1).toString(),
                            null,
                            position,
                            null,
                            null);
            long sum = statement.getOpeningBalance();
            for (var line : statement.getLines()) {
                sum += line.getAmount();
            }
            assertThat(statement.getClosingBalance())
                    .isEqualTo(sum)
                    .isEqualTo(balance(ids.get(name)));
        }
        assertThat(balance(ids.get("ana"))).isZero();
        assertThat(balance(ids.get("cai"))).isEqualTo(9_375L);

        // An auditor keeps the digest and later verifies the store against it.
        DigestView digest = evidence.digest(null, position, null);
        assertThat(evidence.digestFile(digest.getPosition(), position, null))
                .contains(digest.getRoot());
        var report =
                evidence.verifyJson(
                        new DigestBody()
                                .treeSize(digest.getTreeSize())
                                .position(digest.getPosition())
                                .root(digest.getRoot()));
        assertThat(report.getDigestRoot()).isEqualTo(digest.getRoot());
        assertThat(report.getClean()).isTrue();
        assertThat(auditorMoney.checks(null, position, null, null).getOk()).isTrue();
    }

    @Test
    void eachKindOfRefusalIsTheDocumentedProblem() {
        String mia =
                seen(artists.register(
                                new Registration().handle("mia").displayName("Mia"), null, null))
                        .getId();

        Problem missing =
                problem(
                        400,
                        () ->
                                artists.register(
                                        new Registration().displayName("No handle"), null, null));
        assertThat(missing.getCode()).isEqualTo("invalid-input");
        assertThat(missing.getField()).isEqualTo("handle");

        ApiClient stranger = client("artist");
        stranger.setPassword("wrong");
        RestClientResponseException unauthenticated =
                catchThrowableOfType(
                        RestClientResponseException.class,
                        () -> new ArtistsApi(stranger).artist(mia, null, null, null, null));
        assertThat(unauthenticated.getStatusCode().value()).isEqualTo(401);
        assertThat(unauthenticated.getResponseHeaders().getFirst("WWW-Authenticate"))
                .startsWith("Basic");
        assertThat(unauthenticated.getResponseBodyAs(Problem.class).getCode())
                .isEqualTo("unauthenticated");

        assertThat(
                        problem(
                                        403,
                                        () ->
                                                new ArtistsApi(client("auditor"))
                                                        .register(
                                                                new Registration()
                                                                        .handle("x")
                                                                        .displayName("X"),
                                                                null,
                                                                null))
                                .getCode())
                .isEqualTo("forbidden");

        assertThat(
                        problem(
                                        404,
                                        () ->
                                                artists.artist(
                                                        UUID.randomUUID().toString(),
                                                        null,
                                                        position,
                                                        null,
                                                        null))
                                .getType())
                .hasToString("urn:collabledger:problem:not-found");

        assertThat(
                        problem(
                                        409,
                                        () ->
                                                artists.register(
                                                        new Registration()
                                                                .handle("mia")
                                                                .displayName("Another Mia"),
                                                        null,
                                                        null))
                                .getCode())
                .isEqualTo("handle-taken");

        Problem stale =
                problem(
                        412,
                        () ->
                                artists.changeProfile(
                                        mia,
                                        new ProfileChange().displayName("Mia M."),
                                        "\"99\"",
                                        null,
                                        null));
        assertThat(stale.getField()).isEqualTo("If-Match");

        Problem badUpload =
                problem(
                        422,
                        () ->
                                records.upload(
                                        new Upload()
                                                .creatorId(mia)
                                                .title("loop")
                                                .mediaType(Upload.MediaTypeEnum.AUDIO)
                                                .contentDigest("not a digest")
                                                .contentUri("https://media.example/loop"),
                                        null,
                                        null));
        assertThat(badUpload.getType().toString()).startsWith("urn:collabledger:problem:");
        assertThat(badUpload.getField()).isEqualTo("contentDigest");

        Problem notYet =
                problem(503, () -> artists.artist(mia, null, position + 1_000_000, null, null));
        assertThat(notYet.getCode()).isEqualTo("position-not-reached");
    }

    private String upload(String creatorId, String title, String... resources) {
        return created(
                records.upload(
                        new Upload()
                                .creatorId(creatorId)
                                .title(title)
                                .mediaType(Upload.MediaTypeEnum.AUDIO)
                                .contentDigest(sha256(title))
                                .contentUri("https://media.example/" + title)
                                .resources(
                                        List.of(resources).stream()
                                                .map(id -> new ResourceRef().recordId(id).weight(1))
                                                .toList()),
                        null,
                        null));
    }

    private static EntryBody entry(long amount, String sourceRef) {
        return new EntryBody()
                .amount(amount)
                .currency("USD")
                .period("2026-H2")
                .sourceRef(sourceRef);
    }

    private long balance(String artistId) {
        return auditorMoney.balance(artistId, null, position, null, null).getBalances().stream()
                .filter(b -> "USD".equals(b.getCurrency()))
                .mapToLong(b -> b.getAmount())
                .sum();
    }

    private static Map<String, Long> amounts(AllocationView allocation) {
        return allocation.getLines().stream()
                .collect(Collectors.toMap(Line::getArtistId, Line::getAmount));
    }

    /** Notes the position a command reached, for the reads after it. */
    private <T> T seen(T answer) {
        try {
            long reached = (Long) answer.getClass().getMethod("getLedgerPosition").invoke(answer);
            position = Math.max(position, reached);
        } catch (ReflectiveOperationException notAnAnswer) {
            throw new AssertionError(answer + " carries no ledgerPosition", notAnAnswer);
        }
        return answer;
    }

    private String created(Created answer) {
        return seen(answer).getId();
    }

    /** The problem a refused call answered with, decoded as the document's Problem. */
    private static Problem problem(int status, ThrowingCallable call) {
        RestClientResponseException refused =
                catchThrowableOfType(RestClientResponseException.class, call);
        assertThat(refused).as("refused with %d", status).isNotNull();
        assertThat(refused.getStatusCode().value())
                .as(refused.getResponseBodyAsString())
                .isEqualTo(status);
        assertThat(refused.getResponseHeaders().getContentType())
                .hasToString("application/problem+json");
        Problem problem = refused.getResponseBodyAs(Problem.class);
        assertThat(problem.getStatus()).isEqualTo(status);
        assertThat(problem.getType()).hasToString("urn:collabledger:problem:" + problem.getCode());
        return problem;
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(
                                            text.getBytes(
                                                    java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
