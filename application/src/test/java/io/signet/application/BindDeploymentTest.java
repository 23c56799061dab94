package io.signet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.fake.FakeCustodyBinding;
import io.signet.application.fake.FakeKeyCustody;
import io.signet.application.fake.InMemoryDeploymentRecord;
import io.signet.domain.deployment.DeploymentId;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.tenant.TenantId;
import org.junit.jupiter.api.Test;

class BindDeploymentTest {
  private final InMemoryDeploymentRecord database = new InMemoryDeploymentRecord();
  private final FakeCustodyBinding token = new FakeCustodyBinding();
  private final FakeKeyCustody custody = new FakeKeyCustody();
  private final BindDeployment bind = new BindDeployment(database, token, custody);

  @Test
  void aFirstStartWritesOneIdInTheDatabaseThenOnTheToken() {
    DeploymentId id = bind.bind();
    assertThat(database.current()).contains(id);
    assertThat(token.marks()).containsExactly(id);
    assertThat(bind.bind()).as("a restart finds the same id").isEqualTo(id);
    assertThat(token.marks()).containsExactly(id);
  }

  @Test
  void anEmptyDatabaseInFrontOfAnotherDeploymentsTokenIsRefusedAndLeftUnwritten() {
    token.mark(DeploymentId.random());
    assertThatThrownBy(bind::bind)
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("refusing to start")
        .hasMessageContaining("the database to deployment none");
    assertThat(database.current()).isEmpty();
    assertThat(token.marks()).hasSize(1);
  }

  @Test
  void differentIdsAreRefused() {
    database.establish(DeploymentId.random());
    DeploymentId other = DeploymentId.random();
    token.mark(other);
    assertThatThrownBy(bind::bind)
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("belongs to deployment " + other);
  }

  @Test
  void anUnmarkedTokenWithKeysInFrontOfADatabaseThatNeverHeldKeysIsRefused() {
    custody.generate(new KeyName(TenantId.random(), Algorithm.COMPOSITE_ML_DSA, 1));
    assertThatThrownBy(bind::bind)
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("holds 1 Signet key object(s) but no deployment id");
    assertThat(database.current()).isEmpty();
    assertThat(token.marks()).isEmpty();
  }

  @Test
  void aDeploymentFromBeforeTheBindingIsBound() {
    custody.generate(new KeyName(TenantId.random(), Algorithm.COMPOSITE_ML_DSA, 1));
    database.holdKeyVersions(true);
    DeploymentId id = bind.bind();
    assertThat(token.marks()).containsExactly(id);
  }

  @Test
  void aNewTokenInFrontOfAUsedDatabaseIsRefusedAndLeftUnwritten() {
    DeploymentId id = database.establish(DeploymentId.random());
    database.holdLiveKeyVersions(true);
    assertThatThrownBy(bind::bind)
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("(deployment " + id + ") holds key versions that are not archived")
        .hasMessageContaining("the HSM token holds no Signet key object and no deployment id");
    assertThat(token.marks()).isEmpty();
  }

  @Test
  void aFirstStartCutBetweenItsTwoWritesIsBoundWhenItRestarts() {
    database.establish(DeploymentId.random()); // then the token was never marked
    database.holdKeyVersions(true); // all archived since: no key left to find on the token
    DeploymentId id = bind.bind();
    assertThat(token.marks()).containsExactly(id);
  }

  @Test
  void twoDeploymentsRacingForOneTokenAreBothRefusedOnceBothMarked() {
    DeploymentId first = bind.bind();
    InMemoryDeploymentRecord otherDatabase = new InMemoryDeploymentRecord();
    DeploymentId second = otherDatabase.establish(DeploymentId.random());
    token.mark(second);
    assertThatThrownBy(bind::bind).isInstanceOf(StartupFailure.class);
    assertThat(token.marks()).containsExactlyInAnyOrder(first, second);
  }
}
