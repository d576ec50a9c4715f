package org.collabledger.api.personal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.collabledger.api.storage.StorageProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Crypto-shredding for personal data: one AES-256 key per artist in {@code artist_key}, a table
 * outside the event store that no digest covers and no projection reads. Personal data goes into
 * events only as AES-GCM ciphertext bound to the artist id; deleting the key ({@link #forget})
 * leaves the events exactly as they were, but nobody can read the data in them again.
 */
@Component
public class PersonalDataVault {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String DELETE_KEY = "delete from artist_key where artist_id = ?";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private final TransactionTemplate ownTransaction;

    private final boolean eventsElsewhere;

    public PersonalDataVault(
            JdbcTemplate jdbc,
            ObjectMapper json,
            Clock clock,
            PlatformTransactionManager transactions,
            StorageProperties storage) {
        this.eventsElsewhere = storage.eventsElsewhere();
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
        this.clock = clock;
    }

    /** An artist's personal data in clear. */
    public record PersonalData(
            String legalName, String email, String payoutDetails, String taxCountry) {}

    /**
     * Personal data sealed for an event: base64 of IV and ciphertext, and whether its key was made
     * for it.
     */
    public record Sealed(String ciphertext, boolean newKey) {}

    /** Encrypts {@code data} under the artist's key, creating the key on first use. */
    public Sealed encrypt(String artistId, PersonalData data) {
        Optional<byte[]> existing = key(artistId);
        byte[] key = existing.orElseGet(() -> newKey(artistId));
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, iv));
            // The artist id as associated data: a ciphertext copied into another artist's event
            // does not decrypt.
            cipher.updateAAD(artistId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(json.writeValueAsBytes(data));
            return new Sealed(
                    Base64.getEncoder()
                            .encodeToString(
                                    ByteBuffer.allocate(iv.length + sealed.length)
                                            .put(iv)
                                            .put(sealed)
                                            .array()),
                    existing.isEmpty());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The data in {@code ciphertext}, or empty when the artist's key was deleted (the person was
     * forgotten).
     */
    public Optional<PersonalData> decrypt(String artistId, String ciphertext) {
        Optional<byte[]> key = key(artistId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(ciphertext);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(key.get(), "AES"),
                    new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(artistId.getBytes(StandardCharsets.UTF_8));
            byte[] clear = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return Optional.of(json.readValue(clear, PersonalData.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "personal data of artist " + artistId + " does not decrypt under its key", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes the artist's key once the event that records the forgetting is stored: every personal
     * field ever recorded for them reads as erased from now on, and a refused forgetting deletes
     * nothing. With the events in this database the key goes in the command's transaction, with the
     * event. With the events in KurrentDB the event is already appended when this runs, so the key
     * goes in a transaction of its own, which no later failure of the command's transaction can
     * undo.
     */
    public void forget(String artistId) {
        if (eventsElsewhere) {
            deleteKeyNow(artistId);
        } else {
            jdbc.update(DELETE_KEY, artistId);
        }
    }

    private Optional<byte[]> key(String artistId) {
        List<byte[]> keys =
                jdbc.queryForList(
                        "select secret from artist_key where artist_id = ?",
                        byte[].class,
                        artistId);
        return keys.stream().findFirst();
    }

    /**
     * A new key. With the events in this database it is written in the command's transaction, so a
     * refused command leaves none. With the events in KurrentDB it is committed before the event
     * encrypted under it is appended: KurrentDB keeps the event even when the command's database
     * transaction fails afterwards, and an event whose key was never kept could never be read; the
     * caller drops the key of a refused command ({@link #dropNewKey}).
     */
    private byte[] newKey(String artistId) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        Runnable insert =
                () ->
                        jdbc.update(
                                "insert into artist_key (artist_id, secret, created_at) values (?, ?, ?)",
                                artistId,
                                key,
                                java.sql.Timestamp.from(clock.instant()));
        if (eventsElsewhere) {
            ownTransaction.executeWithoutResult(status -> insert.run());
        } else {
            insert.run();
        }
        return key;
    }

    /**
     * Drops a key made for a command that was refused, so no key outlives a command that stored
     * nothing.
     */
    public void dropNewKey(String artistId, Sealed sealed) {
        if (sealed.newKey() && eventsElsewhere) {
            deleteKeyNow(artistId);
        }
    }

    private void deleteKeyNow(String artistId) {
        ownTransaction.executeWithoutResult(status -> jdbc.update(DELETE_KEY, artistId));
    }
}
