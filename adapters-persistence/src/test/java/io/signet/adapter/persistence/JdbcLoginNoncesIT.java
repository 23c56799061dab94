package io.signet.adapter.persistence;

import io.signet.application.contract.LoginNoncesContract;
import io.signet.application.port.LoginNonces;

class JdbcLoginNoncesIT extends LoginNoncesContract {
  @Override
  protected LoginNonces nonces() {
    return PersistenceContext.get().getBean(JdbcLoginNonces.class);
  }
}
