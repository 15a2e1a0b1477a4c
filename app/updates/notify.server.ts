import { NotifyClient } from "notifications-node-client";
import type { Settings } from "../settings.server";

/** GOV.UK Notify's own address; a test passes a local server that answers the same endpoints. */
export const NOTIFY_API = "https://api.notifications.service.gov.uk";

/**
 * Sends text messages through GOV.UK Notify with the area's key and template, set at
 * /admin/settings/updates. The template's whole body is `((body))`: the portal writes the words,
 * in the person's language. Undefined when Notify is not set up.
 */
export function notifyTextSender(settings: Pick<Settings, "notify_api_key" | "notify_sms_template_id">, baseUrl = NOTIFY_API) {
  if (!settings.notify_api_key || !settings.notify_sms_template_id) return undefined;
  const client = new NotifyClient(baseUrl, settings.notify_api_key);
  return async (to: string, body: string) => {
    try {
      await client.sendSms(settings.notify_sms_template_id, to, { personalisation: { body } });
    } catch (error) {
      // The client's error holds the request, number and all: keep only what Notify said.
      throw new Error(notifyProblem(error));
    }
  };
}

function notifyProblem(error: unknown): string {
  const response = (error as { response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } } }).response;
  if (!response) return `GOV.UK Notify could not be reached: ${error instanceof Error ? error.message : String(error)}`;
  const said = (response.data?.errors ?? []).map((problem) => `${problem.error ?? ""} ${problem.message ?? ""}`.trim()).join("; ");
  return `GOV.UK Notify answered ${response.status ?? "?"}${said ? `: ${said}` : ""}`;
}
