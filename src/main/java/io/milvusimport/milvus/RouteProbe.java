package io.milvusimport.milvus;

import io.milvusimport.MilvusServerException;

/**
 * Tells whether a Milvus server has a REST route by calling it: any Milvus answer, even an error
 * code, means it has; HTTP 404 or 405 means its router has no such route (an older server).
 */
final class RouteProbe {
  private RouteProbe() {}

  static boolean exists(Runnable call) {
    try {
      call.run();
      return true;
    } catch (MilvusServerException e) {
      return true;
    } catch (MilvusTransportException e) {
      if (e.httpStatus() == 404 || e.httpStatus() == 405) {
        return false;
      }
      throw e;
    }
  }
}
