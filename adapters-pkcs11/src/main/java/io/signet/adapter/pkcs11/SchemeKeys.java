package io.signet.adapter.pkcs11;

import io.signet.domain.Bytes;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.function.Function;

/**
 * What a {@link SignatureScheme} may ask of custody, and nothing more: key pairs generated on the
 * token under a version's label, the private key objects behind them, and sealing for key material
 * the token cannot hold. The narrow seam between the schemes and the token and sealing machinery.
 */
interface SchemeKeys {

  /**
   * Generates a key pair on the token whose private half is a sensitive, never extractable,
   * sign-only token object labelled with {@code name}'s label; returns the public key.
   */
  PublicKey generateKeyPair(KeyName name, String keyAlgorithm, AlgorithmParameterSpec parameters);

  /** The private token object of {@code name}, for a JCA signature of the token's provider. */
  PrivateKey tokenPrivateKey(KeyName name);

  /** The JCA provider of the token (for signing with {@link #tokenPrivateKey}). */
  java.security.Provider tokenProvider();

  /** Seals private key material for {@code name}; the caller wipes {@code plaintext}. */
  Bytes seal(KeyName name, byte[] plaintext);

  /**
   * The unsealed private key of {@code key}, decoded with {@code decode} from the plaintext (which
   * is wiped afterwards); the decoded key may be cached.
   */
  UnsealedMlDsaKey unsealed(KeyVersion key, Function<byte[], UnsealedMlDsaKey> decode);

  /**
   * Generates an Ed25519 key pair on the token (which SunPKCS11 cannot do) labelled for {@code
   * name}; returns the 32-byte public key. A token without EdDSA is a clear InvalidRequest.
   */
  byte[] generateEd25519(KeyName name);

  /** PureEdDSA signature of {@code message} with {@code name}'s Ed25519 token key. */
  byte[] signEd25519(KeyName name, byte[] message);

  /** RSASSA-PSS (SHA-256, MGF1-SHA-256) over a SHA-256 {@code digest} with {@code name}'s key. */
  byte[] signRsaPssSha256(KeyName name, byte[] digest, int saltLength);

  /** Randomness for hedged signatures. */
  SecureRandom random();
}
