import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionRouteKeys, DEFAULT_ROUTE, selectRoute } from '../../../adapters/local-gateway/route-selection';

const routes = actionRouteKeys(['$connect', '$disconnect', '$default', 'authorizer', 'ping', 'history']);

describe('selectRoute ($request.body.action)', () => {
  it('only ever answers a configured action route or $default', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.constant(undefined)), (text) => {
        const route = selectRoute(text, routes);
        expect(route === DEFAULT_ROUTE || routes.has(route)).toBe(true);
      }),
    );
  });

  it('selects the route an object names in its string action, whatever else the object holds', () => {
    fc.assert(
      fc.property(fc.constantFrom('ping', 'history'), fc.dictionary(fc.string(), fc.jsonValue()), (action, rest) => {
        expect(selectRoute(JSON.stringify({ ...rest, action }), routes)).toBe(action);
      }),
    );
  });

  it('sends any action value that is not a string to $default', () => {
    fc.assert(
      fc.property(
        fc.jsonValue().filter((value) => typeof value !== 'string'),
        (action) => {
          expect(selectRoute(JSON.stringify({ action }), routes)).toBe(DEFAULT_ROUTE);
        },
      ),
    );
  });

  it.each([
    ['a binary frame', undefined],
    ['text that is not JSON', 'ping'],
    ['an unknown action', '{"action":"dance"}'],
    ['a lifecycle route key', '{"action":"$disconnect"}'],
    ['the authorizer slot', '{"action":"authorizer"}'],
    ['JSON null', 'null'],
    ['a JSON string', '"ping"'],
    ['an array', '[{"action":"ping"}]'],
  ])('sends %s to $default', (_name, text) => {
    expect(selectRoute(text, routes)).toBe(DEFAULT_ROUTE);
  });

  it('reads the action at the top level only', () => {
    expect(selectRoute('{"data":{"action":"ping"}}', routes)).toBe(DEFAULT_ROUTE);
  });
});
