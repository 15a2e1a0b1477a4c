import { agreementValues, DONT_KNOW, smileyValues } from "../surveys/model";

/** The answers of each scale the dashboard counts, in the order they are offered. */
export const scales = {
  agreement_scale: [...agreementValues, DONT_KNOW],
  smiley_scale: [...smileyValues],
} as const;
export type ScaleKind = keyof typeof scales;
