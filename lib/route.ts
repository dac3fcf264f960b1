import "server-only";
import { currentUser, requireCapability, type SessionUser } from "@/lib/auth/session";
import { canViewArea, type Area, type Capability } from "@/lib/auth/permissions";
import { requestPreferences } from "@/lib/i18n/preferences";
import { ForbiddenError, httpStatus, UnauthenticatedError, userMessage } from "@/lib/errors";

type Handler = (request: Request, user: SessionUser) => Promise<Response> | Response;

async function errorResponse(error: unknown): Promise<Response> {
  const { code, message } = userMessage(error, (await requestPreferences()).locale);
  return Response.json({ error: message, code }, { status: code === "internal" ? 500 : httpStatus[code] });
}

// Each guard leaves what it requires on the handler it returns, so the authorisation test can find every route
// handler and check it against each role.

/** Route handlers for people (session cookie): the capability is checked here, and errors become JSON with a status. */
export function withCapability(capability: Capability, handler: Handler) {
  const route = async (request: Request): Promise<Response> => {
    try {
      return await handler(request, await requireCapability(capability));
    } catch (error) {
      return errorResponse(error);
    }
  };
  return Object.assign(route, { capability });
}

/** Route handlers that only read what an area's pages show (CSV exports): whoever may view the area may call them. */
export function withArea(area: Area, handler: Handler) {
  const route = async (request: Request): Promise<Response> => {
    try {
      const user = await currentUser();
      if (!user) throw new UnauthenticatedError();
      if (!canViewArea(user.role, area)) throw new ForbiddenError({ area });
      return await handler(request, user);
    } catch (error) {
      return errorResponse(error);
    }
  };
  return Object.assign(route, { area });
}
