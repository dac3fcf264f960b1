import "server-only";
import { currentUser, requireCapability, type SessionUser } from "@/lib/auth/session";
import { canViewArea, type Area, type Capability } from "@/lib/auth/permissions";
import { ForbiddenError, httpStatus, UnauthenticatedError, userMessage } from "@/lib/errors";

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

/** Route handlers that only read what an area's pages show (CSV exports): whoever may view the area may call them. */
export function withArea(area: Area, handler: (request: Request, user: SessionUser) => Promise<Response> | Response) {
  return async (request: Request): Promise<Response> => {
    try {
      const user = await currentUser();
      if (!user) throw new UnauthenticatedError();
      if (!canViewArea(user.role, area)) throw new ForbiddenError(`view ${area}`);
      return await handler(request, user);
    } catch (error) {
      const { code, message } = userMessage(error);
      return Response.json({ error: message, code }, { status: code === "internal" ? 500 : httpStatus[code] });
    }
  };
}
