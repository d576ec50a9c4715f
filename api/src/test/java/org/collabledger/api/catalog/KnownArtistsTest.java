package org.collabledger.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.domain.artist.ArtistCommand.RegisterArtist;
import org.collabledger.domain.record.MediaType;
import org.collabledger.domain.record.RecordCommand.UploadRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The catalog remembers artists it has seen exist, and never an artist it has not seen (yet), nor
 * one seen only inside a transaction that then rolled back.
 */
class KnownArtistsTest extends H2Ledger {

    @Autowired CommandGateway bus;

    @Autowired JdbcTemplate jdbc;

    @Autowired JdbcLedgerCatalog catalog;

    @Autowired TransactionTemplate transaction;

    @Test
    void anArtistRefusedBeforeRegisteringIsFoundAfterwards() {
        String artist = UUID.randomUUID().toString();
        assertThatThrownBy(() -> upload(artist)).hasMessageContaining("no artist " + artist);
        bus.sendAndWait(
                new RegisterArtist(artist, "k" + artist.replace("-", "").substring(0, 20), "Known"),
                MetaData.with("actor", "test"));
        upload(artist);
        upload(artist);
        assertThat(
                        jdbc.queryForObject(
                                "select count(*) from catalog_record where creator_id = ?",
                                Integer.class,
                                artist))
                .isEqualTo(2);
    }

    @Test
    void anArtistSeenOnlyInsideATransactionThatRolledBackIsNotRemembered() {
        String artist = UUID.randomUUID().toString();
        transaction.executeWithoutResult(
                status -> {
                    bus.sendAndWait(
                            new RegisterArtist(
                                    artist,
                                    "r" + artist.replace("-", "").substring(0, 20),
                                    "Rolled back"),
                            MetaData.with("actor", "test"));
                    assertThat(catalog.artistExists(artist)).isTrue();
                    status.setRollbackOnly();
                });
        assertThat(catalog.artistExists(artist)).isFalse();
        assertThatThrownBy(() -> upload(artist)).hasMessageContaining("no artist " + artist);
        assertThat(
                        jdbc.queryForObject(
                                "select count(*) from catalog_record where creator_id = ?",
                                Integer.class,
                                artist))
                .isZero();
    }

    private void upload(String creator) {
        String record = UUID.randomUUID().toString();
        bus.sendAndWait(
                new UploadRecord(
                        record,
                        creator,
                        "take",
                        MediaType.AUDIO,
                        "ab".repeat(32),
                        "https://media.example/" + record,
                        List.of()),
                MetaData.with("actor", "test"));
    }
}
