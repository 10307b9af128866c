/**
 * Terraform's machine-readable JSON representations ({@code show -json}): the values
 * representation of a state, shared by {@code show -json} of a state and the
 * {@code prior_state}/{@code planned_values} of the plan JSON.
 */
package io.capstan.engine.json;
