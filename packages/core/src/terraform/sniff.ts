/**
 * Which JSON files found in a directory are Terraform's
 * =====================================================
 *
 * A directory of manifests often holds other JSON (package.json, a
 * tsconfig, dashboards): those are not inputs and are passed over in
 * silence. `terraform show -json` starts with `format_version` and
 * `terraform_version`; a raw state file has `terraform_version` near the
 * top. Only these are read (and warned about when unusable): the content
 * decides, as everywhere in the loader, from the first bytes only.
 */

/** True when the text starts like `terraform show -json` output or a Terraform state file. */
export function looksLikeTerraformJson(text: string): boolean {
  const head = text.slice(0, 2048);
  return /^\s*\{/.test(head) && /"terraform_version"\s*:/.test(head);
}

/** True when the text is a Terraform plan (`terraform show -json plan.out`), not a state. */
export function isTerraformPlanText(text: string): boolean {
  return looksLikeTerraformJson(text) && /"(resource_changes|planned_values)"\s*:/.test(text);
}
