package org.mailwire.transport.sasl;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link Authenticator} that keeps users in memory, for tests, embedders and the reference
 * server. Thread-safe; every stage it returns is already complete.
 *
 * <p>Passwords are not kept: {@link #add} stores a SCRAM credential (random
 * {@value ScramCredential#DEFAULT_SALT_LENGTH}-octet salt, {@value ScramCredential#MIN_ITERATIONS}
 * iterations), and PLAIN/LOGIN passwords are checked by deriving the same credential from them.
 * CRAM-MD5 needs the secret itself, so it is kept only after {@link #withSharedSecrets()}.
 *
 * <p>An authorization identity is granted only when it is empty or the user's own name: there
 * are no proxy rights here. Bearer tokens are looked up in a hash map, not compared in constant
 * time; a production token check belongs to the token issuer (introspection, JWT validation).
 */
public final class InMemoryUsers implements Authenticator {

    private record User(ScramCredential credential, String sharedSecret) {
        @Override
        public String toString() {
            return "User[" + credential + "]";
        }
    }

    private final SecureRandom random;
    private final Map<String, User> users = new ConcurrentHashMap<>();
    /** Token to user: a token identifies its user, as OAUTHBEARER without {@code a=} needs. */
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private volatile boolean keepSharedSecrets;
    /** Checked against when the user is unknown, so that path costs what a wrong password costs. */
    private final ScramCredential decoy;

    public InMemoryUsers() {
        this(new SecureRandom());
    }

    public InMemoryUsers(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
        this.decoy = ScramCredential.derive("decoy", newSalt(), ScramCredential.MIN_ITERATIONS);
    }

    /**
     * Keep the passwords of users added from now on, so CRAM-MD5 can be offered
     * ({@link #supportsSharedSecret()}). Call before {@link #add}.
     *
     * @throws IllegalStateException if users were already added without their secrets
     */
    public InMemoryUsers withSharedSecrets() {
        if (!users.isEmpty()) {
            throw new IllegalStateException("withSharedSecrets() must come before the first add()");
        }
        keepSharedSecrets = true;
        return this;
    }

    /**
     * Adds or replaces a user.
     *
     * @throws IllegalArgumentException for an empty user name, or a password that is empty after
     *                                  SASLprep mapping
     */
    public InMemoryUsers add(String username, String password) {
        requireName(username);
        Objects.requireNonNull(password, "password");
        ScramCredential credential = ScramCredential.derive(password, newSalt(), ScramCredential.MIN_ITERATIONS);
        users.put(username, new User(credential, keepSharedSecrets ? password : null));
        return this;
    }

    /**
     * Adds or replaces a user by a SCRAM credential made elsewhere (imported, or with a fixed
     * salt as in RFC 7677 §3). PLAIN and LOGIN check against it too; CRAM-MD5 cannot.
     */
    public InMemoryUsers add(String username, ScramCredential credential) {
        requireName(username);
        users.put(username, new User(Objects.requireNonNull(credential, "credential"), null));
        return this;
    }

    /** Lets {@code token} authenticate {@code username} with XOAUTH2 and OAUTHBEARER. */
    public InMemoryUsers addBearerToken(String username, String token) {
        requireName(username);
        Objects.requireNonNull(token, "token");
        if (token.isEmpty()) {
            throw new IllegalArgumentException("token must not be empty");
        }
        tokens.put(token, username);
        return this;
    }

    /** Forgets the user and every token of theirs. */
    public InMemoryUsers remove(String username) {
        users.remove(username);
        tokens.values().removeIf(username::equals);
        return this;
    }

    @Override
    public CompletionStage<AuthResult> checkPassword(String authorizationId, String username, String password) {
        User user = users.get(username);
        ScramCredential stored = user != null ? user.credential() : decoy;
        boolean matches;
        try {
            ScramCredential derived = ScramCredential.derive(password, stored.salt(), stored.iterations());
            matches = MessageDigest.isEqual(derived.storedKey(), stored.storedKey());
        } catch (IllegalArgumentException e) {
            matches = false;
        }
        boolean granted = user != null && matches && mayActAs(authorizationId, username);
        return CompletableFuture.completedFuture(granted ? AuthResult.success(username) : AuthResult.failure());
    }

    @Override
    public CompletionStage<Optional<ScramCredential>> scramCredential(String username) {
        return CompletableFuture.completedFuture(Optional.ofNullable(users.get(username)).map(User::credential));
    }

    @Override
    public boolean supportsScram() {
        return true;
    }

    @Override
    public CompletionStage<Optional<String>> sharedSecret(String username) {
        return CompletableFuture.completedFuture(Optional.ofNullable(users.get(username)).map(User::sharedSecret));
    }

    @Override
    public boolean supportsSharedSecret() {
        return keepSharedSecrets;
    }

    @Override
    public CompletionStage<AuthResult> checkBearerToken(String authorizationId, String username, String token) {
        String owner = tokens.get(token);
        boolean granted = owner != null && (username.isEmpty() || owner.equals(username))
                && mayActAs(authorizationId, owner);
        return CompletableFuture.completedFuture(granted ? AuthResult.success(owner) : AuthResult.failure());
    }

    /** True once a bearer token was added, so XOAUTH2 and OAUTHBEARER are not offered for nothing. */
    @Override
    public boolean supportsBearerTokens() {
        return !tokens.isEmpty();
    }

    private static boolean mayActAs(String authorizationId, String username) {
        return authorizationId.isEmpty() || authorizationId.equals(username);
    }

    private byte[] newSalt() {
        byte[] salt = new byte[ScramCredential.DEFAULT_SALT_LENGTH];
        random.nextBytes(salt);
        return salt;
    }

    private static void requireName(String username) {
        Objects.requireNonNull(username, "username");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("username must not be empty");
        }
    }
}
