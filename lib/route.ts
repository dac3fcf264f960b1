import "server-only";
import { requireCapability, type SessionUser } from "@/lib/auth/session";
import type { Capability } from "@/lib/auth/permissions";
import { httpStatus, userMessage } from "@/lib/errors";

/** Route handlers for people (session cookie): the capability is checked here, and errors become JSON with a status. */
export function withCapability(capability: Capability, handler: (request: Request, user: SessionUser) => Promise<Response> | Response) {
  return async (request: Request): Promise<Response> => {
    try {
      const user = await requireCapability(capability);
      return await handler(request, user);
    } catch (error) {
      const { code, message } = userMessage(error);
      return Response.json({ error: message, code }, { status: code === "internal" ? 500 : httpStatus[code] });
    }
  };
}
