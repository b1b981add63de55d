package dev.meshkit.server;

import java.io.IOException;
import java.util.List;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;
import org.apache.calcite.avatica.remote.Service.RpcMetadataResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Avatica's protobuf handler, except for what an error sends the client: Avatica's own sends the
 * server's stack trace and, for an exception it does not know, the class names and messages of its
 * whole causal chain. Here a client gets the sentence, SQLState and error code that
 * {@link MeshMeta} made, and nothing else; the rest goes to the {@code meshkit.errors} log at DEBUG.
 */
final class MeshProtobufHandler extends ProtobufHandler {

  private static final Logger ERRORS = LoggerFactory.getLogger("meshkit.errors");
  static final ProtobufTranslation WIRE = new ProtobufTranslationImpl();

  private volatile RpcMetadataResponse metadata;

  MeshProtobufHandler(Service service) {
    super(service, WIRE, NoopMetricsSystem.getInstance());
  }

  @Override
  public void setRpcMetadata(RpcMetadataResponse metadata) {
    super.setRpcMetadata(metadata);
    this.metadata = metadata;
  }

  @Override
  public HandlerResponse<byte[]> convertToErrorResponse(Exception e) {
    ErrorResponse error;
    if (e instanceof AvaticaRuntimeException sentence) {
      error = new ErrorResponse(List.of(), sentence.getErrorMessage(), sentence.getErrorCode(), sentence.getSqlState(),
          sentence.getSeverity(), metadata);
    } else if (e instanceof NoSuchConnectionException) {
      // The client reconnects on this code; the message names only the connection id it sent.
      error = new ErrorResponse(List.of(), e.getMessage(), ErrorResponse.MISSING_CONNECTION_ERROR_CODE,
          ErrorResponse.UNKNOWN_SQL_STATE, AvaticaSeverity.ERROR, metadata);
    } else {
      ERRORS.debug("the server could not answer a request", e);
      error = failed(metadata);
    }
    return new HandlerResponse<>(serialize(error), HTTP_INTERNAL_SERVER_ERROR);
  }

  /** The answer for a request the server could not handle, whatever went wrong. */
  static ErrorResponse failed(RpcMetadataResponse metadata) {
    return new ErrorResponse(List.of(), "the server could not answer the request (SQLState HY000)",
        ErrorResponse.UNKNOWN_ERROR_CODE, "HY000", AvaticaSeverity.ERROR, metadata);
  }

  static byte[] serialize(ErrorResponse error) {
    try {
      return WIRE.serializeResponse(error);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialize an error response", e);
    }
  }
}
