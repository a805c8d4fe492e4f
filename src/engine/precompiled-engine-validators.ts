// The engine's four validator sets as compiled at build time (src/generated/validators-*.ts, Ajv standalone
// code). They belong to the specs embedded in src/generated/embedded.ts: hosts that use another spec
// (one edited since the last `npm run generate`) compile theirs at run time instead.
import * as api from "../generated/validators-api.js";
import * as apiParameters from "../generated/validators-api-parameters.js";
import * as control from "../generated/validators-control.js";
import * as controlParameters from "../generated/validators-control-parameters.js";
import { precompiledValidators } from "../spec/precompiled-validators.js";
import type { EngineValidators } from "./create-engine.js";

export const precompiledEngineValidators: EngineValidators = {
  api: precompiledValidators(api, "validators-api"),
  apiParameters: precompiledValidators(apiParameters, "validators-api-parameters"),
  control: precompiledValidators(control, "validators-control"),
  controlParameters: precompiledValidators(controlParameters, "validators-control-parameters"),
};
