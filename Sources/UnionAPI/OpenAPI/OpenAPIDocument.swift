import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import UnionDomain

/// The API contract served at `/openapi.yaml`. `OpenAPITests` fails when a route the server
/// serves is missing here, so the document can't fall behind the code.
enum OpenAPIDocument {
    static let yaml = #"""
openapi: 3.1.0
info:
  title: UnionHall API
  version: "1"
  description: |
    The back office of an area trade-union federation and its branches.
    Bearer tokens (POST /api/v1/auth/login, or `unionctl token issue`). JSON with snake_case
    fields, ISO 8601 times, UUID ids. Errors are application/problem+json (RFC 9457) with a
    stable `code` and, for invalid input, per-field `errors`; `Accept-Language: zh-CN` gives
    Chinese messages. 401 without a valid token, 403 for a role that may not, 404 outside the
    caller's scope, 409 for conflicts, 422 for invalid input, 503 when the database is down.
servers:
  - url: http://localhost:8080
security:
  - bearer: []
paths:
  /healthz:
    get:
      summary: The process is serving.
      security: []
      responses:
        "200": {description: Serving.}
  /readyz:
    get:
      summary: The database answers.
      security: []
      responses:
        "200": {description: Ready.}
        "503": {description: Database unreachable.}
  /openapi.yaml:
    get:
      summary: This document.
      security: []
      responses:
        "200": {description: The OpenAPI document.}
  /api/v1/auth/login:
    post:
      summary: Sign in with username and password; returns a session token.
      security: []
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [username, password]
              properties:
                username: {type: string}
                password: {type: string, format: password}
      responses:
        "200":
          description: Signed in.
          content:
            application/json:
              schema:
                type: object
                properties:
                  token: {type: string}
                  token_type: {type: string, enum: [Bearer]}
                  expires_at: {type: string, format: date-time}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "422": {$ref: "#/components/responses/Invalid"}
        "429": {description: Too many failed attempts for this username; see Retry-After.}
  /api/v1/auth/logout:
    post:
      summary: Revoke the token this request carries.
      responses:
        "204": {description: Signed out.}
        "401": {$ref: "#/components/responses/Unauthorized"}
  /api/v1/me:
    get:
      summary: The signed-in user.
      responses:
        "200":
          description: The user.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/User"}
        "401": {$ref: "#/components/responses/Unauthorized"}
  /api/v1/offices:
    get:
      summary: The offices the caller may see (their office and those below it).
      responses:
        "200":
          description: Offices.
          content:
            application/json:
              schema:
                type: object
                properties:
                  items: {type: array, items: {$ref: "#/components/schemas/Office"}}
                  next: {type: [string, "null"]}
        "401": {$ref: "#/components/responses/Unauthorized"}
    post:
      summary: Open an office below one in scope (area_admin).
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [code, name, parent_id]
              properties:
                code: {type: string, pattern: "^[a-z][a-z0-9-]{1,39}$"}
                name: {type: string, maxLength: 100}
                kind: {type: string, enum: [district, area, branch], default: branch}
                parent_id: {type: string, format: uuid}
      responses:
        "201":
          description: Created.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Office"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "422": {$ref: "#/components/responses/Invalid"}
  /api/v1/offices/{id}:
    get:
      summary: One office.
      parameters:
        - {name: id, in: path, required: true, schema: {type: string, format: uuid}}
      responses:
        "200":
          description: The office.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Office"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/NotFound"}
  /api/v1/users:
    get:
      summary: Users in scope (area_admin, auditor).
      parameters:
        - {name: office_id, in: query, schema: {type: string, format: uuid}}
      responses:
        "200":
          description: Users.
          content:
            application/json:
              schema:
                type: object
                properties:
                  items: {type: array, items: {$ref: "#/components/schemas/User"}}
                  next: {type: [string, "null"]}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "422": {$ref: "#/components/responses/Invalid"}
    post:
      summary: Create a user (area_admin). Area roles belong to area offices, branch roles to branches.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [username, display_name, office_id, role, password]
              properties:
                username: {type: string, pattern: "^[a-z0-9._-]{3,40}$"}
                display_name: {type: string, maxLength: 50}
                office_id: {type: string, format: uuid}
                role: {$ref: "#/components/schemas/Role"}
                password: {type: string, minLength: 10, format: password}
      responses:
        "201":
          description: Created.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/User"}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "422": {$ref: "#/components/responses/Invalid"}
  /api/v1/audit:
    get:
      summary: The audit log, newest first (area_admin, auditor). ID numbers are masked.
      parameters:
        - {name: table, in: query, schema: {type: string}}
        - {name: row_id, in: query, schema: {type: string}}
        - {name: user_id, in: query, schema: {type: string, format: uuid}}
        - {name: from, in: query, schema: {type: string, format: date-time}}
        - {name: to, in: query, schema: {type: string, format: date-time}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 200, default: 50}}
        - {name: after, in: query, description: The `next` of the previous page., schema: {type: string}}
      responses:
        "200":
          description: A page of entries.
          content:
            application/json:
              schema:
                type: object
                properties:
                  items: {type: array, items: {$ref: "#/components/schemas/AuditEntry"}}
                  next: {type: [string, "null"]}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "422": {$ref: "#/components/responses/Invalid"}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
  schemas:
    Role:
      type: string
      enum: [area_admin, area_reviewer, branch_officer, branch_viewer, auditor]
    Office:
      type: object
      properties:
        id: {type: string, format: uuid}
        code: {type: string}
        name: {type: string}
        kind: {type: string, enum: [district, area, branch]}
        parent_id: {type: [string, "null"], format: uuid}
        active: {type: boolean}
    User:
      type: object
      properties:
        id: {type: string, format: uuid}
        username: {type: string}
        display_name: {type: string}
        office_id: {type: string, format: uuid}
        role: {$ref: "#/components/schemas/Role"}
        active: {type: boolean}
    AuditEntry:
      type: object
      properties:
        id: {type: integer}
        at: {type: string, format: date-time}
        user_id: {type: [string, "null"], format: uuid}
        office_id: {type: [string, "null"], format: uuid}
        table: {type: string}
        row_id: {type: string}
        action: {type: string, enum: [INSERT, UPDATE, DELETE]}
        before: {type: [object, "null"]}
        after: {type: [object, "null"]}
    Problem:
      type: object
      properties:
        type: {type: string}
        title: {type: string}
        status: {type: integer}
        code: {type: string}
        detail: {type: string}
        errors:
          type: array
          items:
            type: object
            properties:
              field: {type: string}
              code: {type: string}
              message: {type: string}
  responses:
    Unauthorized:
      description: No valid bearer token.
      content: {application/problem+json: {schema: {$ref: "#/components/schemas/Problem"}}}
    Forbidden:
      description: The caller's role may not do this.
      content: {application/problem+json: {schema: {$ref: "#/components/schemas/Problem"}}}
    NotFound:
      description: No such resource in the caller's scope.
      content: {application/problem+json: {schema: {$ref: "#/components/schemas/Problem"}}}
    Conflict:
      description: Duplicate or state conflict.
      content: {application/problem+json: {schema: {$ref: "#/components/schemas/Problem"}}}
    Invalid:
      description: Invalid input, with per-field errors; nothing was written.
      content: {application/problem+json: {schema: {$ref: "#/components/schemas/Problem"}}}
"""#
}
