package io.capstan.hcl.body;

import io.capstan.hcl.diag.Result;
import io.capstan.hcl.diag.SourceRange;

import java.util.Map;

/**
 * The schema-driven view of a configuration body, shared by the native and JSON syntaxes
 * (HCL's {@code hcl.Body}). Decoding never throws: problems such as "Unsupported argument"
 * or "Missing required argument" come back as diagnostics alongside the content.
 */
public interface Body {

    /** Decodes the body against the schema; anything not in the schema is an error. */
    Result<BodyContent> content(BodySchema schema);

    /** Like {@link #content} but leaves what the schema does not mention in {@code remain}. */
    Result<PartialContent> partialContent(BodySchema schema);

    /** All arguments as a map (for bodies of free-form arguments, e.g. {@code locals}); blocks are errors. */
    Result<Map<String, Attribute>> justAttributes();

    /** Where to point diagnostics about something missing from this body. */
    SourceRange missingItemRange();
}
