/**
 * Terraform's value model (the cty equivalent): {@link io.capstan.hcl.value.Type types},
 * immutable {@link io.capstan.hcl.value.Value values} that may be null, unknown and marked,
 * 512-bit {@link io.capstan.hcl.value.BigNumber numbers}, {@link io.capstan.hcl.value.Convert
 * conversion} and {@link io.capstan.hcl.value.Unify unification}, the
 * {@link io.capstan.hcl.value.Operations operators}, {@link io.capstan.hcl.value.TypeConstraint
 * type constraints} with optional-attribute defaults, and the JSON forms
 * ({@link io.capstan.hcl.value.ValueJson}, {@link io.capstan.hcl.value.TypeJson}).
 *
 * <p>Errors inside this package are {@link io.capstan.hcl.value.ConversionException} and
 * {@link io.capstan.hcl.value.OperationException}; callers at the language boundary turn them
 * into diagnostics with a source range.
 */
package io.capstan.hcl.value;
