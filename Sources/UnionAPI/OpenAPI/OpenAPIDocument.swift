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
  /api/v1/workers:
    post:
      summary: Register a worker (branch_officer in their branch; area_admin names office_id).
      description: One person per ID number in the whole area; a second registration anywhere is 409 and names no office.
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/WorkerInput"}
      responses:
        "201": {description: "Registered.", content: {application/json: {schema: {$ref: "#/components/schemas/Worker"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "422": {$ref: "#/components/responses/Invalid"}
    get:
      summary: Workers in scope, by name, in keyset pages.
      parameters:
        - {name: office_id, in: query, schema: {type: string, format: uuid}}
        - {name: membership_status, in: query, schema: {type: string, enum: [active, transferred, retired, deceased, left]}}
        - {name: hardship_tier, in: query, schema: {type: string, enum: [deep, relative, accident]}}
        - {name: model_worker, in: query, schema: {type: boolean}}
        - {name: name, in: query, description: Part of the name (Chinese works)., schema: {type: string}}
        - {name: id_number, in: query, description: Exact ID number., schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 200, default: 50}}
        - {name: after, in: query, schema: {type: string}}
      responses:
        "200": {description: "A page.", content: {application/json: {schema: {$ref: "#/components/schemas/WorkerPage"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "422": {$ref: "#/components/responses/Invalid"}
  /api/v1/workers/{id}:
    get:
      summary: One worker (ID number masked for auditors and branch viewers).
      parameters: [{$ref: "#/components/parameters/id"}]
      responses:
        "200": {description: "The worker.", content: {application/json: {schema: {$ref: "#/components/schemas/Worker"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/NotFound"}
    patch:
      summary: Change some fields; the result is validated whole.
      parameters: [{$ref: "#/components/parameters/id"}]
      requestBody: {required: true, content: {application/json: {schema: {$ref: "#/components/schemas/WorkerInput"}}}}
      responses:
        "200": {description: "Updated.", content: {application/json: {schema: {$ref: "#/components/schemas/Worker"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "422": {$ref: "#/components/responses/Invalid"}
  /api/v1/workers/{id}/transfer:
    post:
      summary: "会员关系转移 — move the worker (household and honours too) to another branch."
      parameters: [{$ref: "#/components/parameters/id"}]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [to_office, date, reason]
              properties:
                to_office: {type: string, format: uuid}
                date: {type: string, format: date}
                reason: {type: string, maxLength: 200}
      responses:
        "204": {description: Transferred.}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "422": {$ref: "#/components/responses/Invalid"}
  /api/v1/workers/import:
    post:
      summary: Register the workers of a CSV file; nothing is written when any row is bad unless skip_invalid.
      parameters:
        - {name: office_id, in: query, description: Required for area users., schema: {type: string, format: uuid}}
        - {name: skip_invalid, in: query, schema: {type: boolean, default: false}}
      requestBody:
        required: true
        content:
          text/csv:
            schema: {type: string, description: "Header: name,id_number,sex,birth_date,phone,hukou,employer,occupation,membership_status,member_since,member_card_number"}
      responses:
        "200": {description: "Imported (with skip_invalid, the bad rows are listed).", content: {application/json: {schema: {$ref: "#/components/schemas/ImportReport"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "422": {description: "Bad rows (each with its line and reason); nothing imported.", content: {application/json: {schema: {$ref: "#/components/schemas/ImportReport"}}}}
  /api/v1/workers.csv:
    get:
      summary: Workers in scope as CSV (the import format; UTF-8 with BOM for Excel).
      parameters:
        - {name: office_id, in: query, schema: {type: string, format: uuid}}
      responses:
        "200": {description: "CSV.", content: {text/csv: {schema: {type: string}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "422": {$ref: "#/components/responses/Invalid"}
  /api/v1/workers/{id}/household:
    get:
      summary: The worker's household members.
      parameters: [{$ref: "#/components/parameters/id"}]
      responses:
        "200": {description: "Members.", content: {application/json: {schema: {type: object, properties: {items: {type: array, items: {$ref: "#/components/schemas/HouseholdMember"}}}}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/NotFound"}
    post:
      summary: Add a household member.
      parameters: [{$ref: "#/components/parameters/id"}]
      requestBody: {required: true, content: {application/json: {schema: {$ref: "#/components/schemas/HouseholdMemberInput"}}}}
      responses:
        "201": {description: "Added.", content: {application/json: {schema: {$ref: "#/components/schemas/HouseholdMember"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "422": {$ref: "#/components/responses/Invalid"}
  /api/v1/workers/{id}/household/{member_id}:
    patch:
      summary: Change a household member.
      parameters: [{$ref: "#/components/parameters/id"}, {name: member_id, in: path, required: true, schema: {type: string, format: uuid}}]
      requestBody: {required: true, content: {application/json: {schema: {$ref: "#/components/schemas/HouseholdMemberInput"}}}}
      responses:
        "200": {description: "Updated.", content: {application/json: {schema: {$ref: "#/components/schemas/HouseholdMember"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "422": {$ref: "#/components/responses/Invalid"}
    delete:
      summary: Remove a household member.
      parameters: [{$ref: "#/components/parameters/id"}, {name: member_id, in: path, required: true, schema: {type: string, format: uuid}}]
      responses:
        "204": {description: Removed.}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
  /api/v1/workers/{id}/model-worker:
    get:
      summary: The worker's model-worker (劳模) record.
      parameters: [{$ref: "#/components/parameters/id"}]
      responses:
        "200": {description: "The record.", content: {application/json: {schema: {$ref: "#/components/schemas/ModelWorker"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/NotFound"}
    put:
      summary: Create or replace the record.
      parameters: [{$ref: "#/components/parameters/id"}]
      requestBody: {required: true, content: {application/json: {schema: {$ref: "#/components/schemas/ModelWorker"}}}}
      responses:
        "200": {description: "Stored.", content: {application/json: {schema: {$ref: "#/components/schemas/ModelWorker"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "422": {$ref: "#/components/responses/Invalid"}
  /api/v1/hardship-files:
    post:
      summary: Open a hardship file on a worker (one open file per household); the tier is computed.
      requestBody: {required: true, content: {application/json: {schema: {$ref: "#/components/schemas/HardshipInput"}}}}
      responses:
        "201": {description: "Opened as a draft.", content: {application/json: {schema: {$ref: "#/components/schemas/HardshipFile"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "422": {$ref: "#/components/responses/Invalid"}
    get:
      summary: Hardship files in scope; overdue=true lists active files not reviewed for 12 months.
      parameters:
        - {name: overdue, in: query, schema: {type: boolean}}
        - {name: status, in: query, schema: {type: string, enum: [draft, submitted, active, closed]}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 200, default: 50}}
        - {name: after, in: query, schema: {type: string}}
      responses:
        "200": {description: "A page.", content: {application/json: {schema: {type: object, properties: {items: {type: array, items: {$ref: "#/components/schemas/HardshipFile"}}, next: {type: [string, "null"]}}}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "422": {$ref: "#/components/responses/Invalid"}
  /api/v1/hardship-files/{id}:
    get:
      summary: One file.
      parameters: [{$ref: "#/components/parameters/id"}]
      responses:
        "200": {description: "The file.", content: {application/json: {schema: {$ref: "#/components/schemas/HardshipFile"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "404": {$ref: "#/components/responses/NotFound"}
    patch:
      summary: Change a draft or submitted file's figures; the tier is recomputed.
      parameters: [{$ref: "#/components/parameters/id"}]
      requestBody: {required: true, content: {application/json: {schema: {$ref: "#/components/schemas/HardshipInput"}}}}
      responses:
        "200": {description: "Updated.", content: {application/json: {schema: {$ref: "#/components/schemas/HardshipFile"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "422": {$ref: "#/components/responses/Invalid"}
  /api/v1/hardship-files/{id}/submit:
    post:
      summary: Branch submits a draft.
      parameters: [{$ref: "#/components/parameters/id"}]
      responses:
        "200": {description: "Done.", content: {application/json: {schema: {$ref: "#/components/schemas/HardshipFile"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
  /api/v1/hardship-files/{id}/confirm:
    post:
      summary: The area confirms a submitted file (area_reviewer, area_admin).
      parameters: [{$ref: "#/components/parameters/id"}]
      responses:
        "200": {description: "Done.", content: {application/json: {schema: {$ref: "#/components/schemas/HardshipFile"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
  /api/v1/hardship-files/{id}/review:
    post:
      summary: "Yearly review — recompute the tier with today's dibao, stamp reviewer and date."
      parameters: [{$ref: "#/components/parameters/id"}]
      responses:
        "200": {description: "Done.", content: {application/json: {schema: {$ref: "#/components/schemas/HardshipFile"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
  /api/v1/hardship-files/{id}/close:
    post:
      summary: Close a file with a reason.
      parameters: [{$ref: "#/components/parameters/id"}]
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, required: [reason], properties: {reason: {type: string, enum: [lifted, retired, transferred, deceased]}}}
      responses:
        "200": {description: "Closed.", content: {application/json: {schema: {$ref: "#/components/schemas/HardshipFile"}}}}
        "401": {$ref: "#/components/responses/Unauthorized"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "422": {$ref: "#/components/responses/Invalid"}
components:
  parameters:
    id: {name: id, in: path, required: true, schema: {type: string, format: uuid}}
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
    WorkerInput:
      type: object
      properties:
        office_id: {type: string, format: uuid}
        name: {type: string, maxLength: 50}
        id_number: {type: string, pattern: "^[0-9]{17}[0-9Xx]$"}
        sex: {type: string, enum: [male, female], description: Must match the ID number.}
        birth_date: {type: string, format: date, description: Must match the ID number.}
        phone: {type: string}
        hukou: {type: string, enum: [urban, rural]}
        employer: {type: string}
        occupation: {type: string}
        membership_status: {type: string, enum: [active, transferred, retired, deceased, left]}
        member_since: {type: string, format: date}
        member_card_number: {type: string}
    Worker:
      type: object
      properties:
        id: {type: string, format: uuid}
        office_id: {type: string, format: uuid}
        name: {type: string}
        id_number: {type: string, description: "Masked (110105********1234) for auditors and branch viewers."}
        id_number_masked: {type: boolean}
        sex: {type: string}
        birth_date: {type: string, format: date}
        phone: {type: string}
        hukou: {type: string}
        employer: {type: string}
        occupation: {type: string}
        membership_status: {type: string}
        member_since: {type: string, format: date}
        member_card_number: {type: string}
        is_model_worker: {type: boolean}
        hardship_tier: {type: string, enum: [deep, relative, accident]}
    WorkerPage:
      type: object
      properties:
        items: {type: array, items: {$ref: "#/components/schemas/Worker"}}
        next: {type: [string, "null"]}
    ImportReport:
      type: object
      properties:
        rows: {type: integer}
        imported: {type: integer}
        errors:
          type: array
          items: {type: object, properties: {line: {type: integer}, field: {type: string}, message: {type: string}, message_zh: {type: string}}}
    HouseholdMemberInput:
      type: object
      properties:
        relation: {type: string, enum: [spouse, child, parent, sibling, grandparent, grandchild, other]}
        name: {type: string}
        id_number: {type: string, description: Optional for minors without one.}
        school: {type: string}
        level: {type: string, enum: [primary, junior_high, senior_high, vocational, junior_college, undergraduate, graduate]}
        admission_year: {type: integer}
    HouseholdMember:
      allOf:
        - {$ref: "#/components/schemas/HouseholdMemberInput"}
        - {type: object, properties: {id: {type: string, format: uuid}}}
    ModelWorker:
      type: object
      required: [level, title, year_awarded]
      properties:
        level: {type: string, enum: [national, provincial, municipal, other]}
        title: {type: string}
        year_awarded: {type: integer}
        retired: {type: boolean}
    HardshipInput:
      type: object
      properties:
        worker_id: {type: string, format: uuid}
        household_size: {type: integer, minimum: 1, maximum: 30}
        annual_income: {type: string, description: "Yuan, two decimals: \"36000.00\""}
        essential_spending: {type: string}
        hardship_costs: {type: string}
        main_cause: {type: string, enum: [illness, disability, disaster, accident, children_schooling, unemployment, single_parent, low_wage, other]}
        secondary_causes: {type: array, maxItems: 3, items: {type: string}}
        evidence: {type: array, items: {type: string, enum: [application_letter, income_proof, id_card, household_register, diagnosis, tuition_receipt, disability_certificate, other]}}
    HardshipFile:
      type: object
      properties:
        id: {type: string, format: uuid}
        worker_id: {type: string, format: uuid}
        office_id: {type: string, format: uuid}
        status: {type: string, enum: [draft, submitted, active, closed]}
        tier: {type: string, enum: [deep, relative, accident]}
        household_size: {type: integer}
        annual_income: {type: string}
        essential_spending: {type: string}
        hardship_costs: {type: string}
        per_capita_monthly: {type: string}
        main_cause: {type: string}
        secondary_causes: {type: array, items: {type: string}}
        evidence: {type: array, items: {type: string}}
        reviewed_on: {type: string, format: date}
        confirmed_on: {type: string, format: date}
        closing_reason: {type: string}
        overdue: {type: boolean}
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
