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

/** The catalog remembers artists it has seen exist, and never an artist it has not seen (yet). */
class KnownArtistsTest extends H2Ledger {

    @Autowired
    CommandGateway bus;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anArtistRefusedBeforeRegisteringIsFoundAfterwards() {
        String artist = UUID.randomUUID().toString();
        assertThatThrownBy(() -> upload(artist)).hasMessageContaining("no artist " + artist);
        bus.sendAndWait(new RegisterArtist(artist, "k" + artist.replace("-", "").substring(0, 20), "Known"),
                MetaData.with("actor", "test"));
        upload(artist);
        upload(artist);
        assertThat(jdbc.queryForObject("select count(*) from catalog_record where creator_id = ?", Integer.class,
                artist)).isEqualTo(2);
    }

    private void upload(String creator) {
        String record = UUID.randomUUID().toString();
        bus.sendAndWait(new UploadRecord(record, creator, "take", MediaType.AUDIO, "ab".repeat(32),
                "https://media.example/" + record, List.of()), MetaData.with("actor", "test"));
    }
}
