/**
 * The served OpenAPI document as the API's contract: what every operation shares (sign-in,
 * problems, positions, idempotency, correlation) is added here from the handlers' types, so an
 * operation added later is documented by the same rules.
 */
package org.collabledger.api.web.contract;
