package dev.switchboard.operators.kafka;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Serializable;

/** Writes one record as the fields of a JSON object (the caller opens and closes the object). */
@FunctionalInterface
public interface JsonWriter<T> extends Serializable {
    void write(T record, JsonGenerator json) throws IOException;
}
