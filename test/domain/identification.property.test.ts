import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DetectedFace, FaceMatch, FaceScan } from '../../domain/face';
import type { HouseholdId, VisitorId } from '../../domain/ids';
import { DEFAULT_MATCH_THRESHOLD, identify, trustedVisitors, type Identification } from '../../domain/identification';
import type { Visitor } from '../../domain/visitor';
import {
  anyFaceScan,
  anyFacesScan,
  anyHouseholdScenario,
  anyIdentification,
  anySimilarity,
  anyThreshold,
  anyUnreadableReason,
  anyVisitorId,
  type HouseholdScenario,
} from '../support/arbitraries';

/** Every id a scan of this scenario may name: the household's own visitors and the other household's. */
const idsOf = (scenario: HouseholdScenario): VisitorId[] => [
  ...scenario.visitors.map((visitor) => visitor.id),
  ...scenario.otherHouseholdVisitors.map((visitor) => visitor.id),
];

/** A scenario with a scan of faces (possibly none) naming its visitors, foreign visitors and unknown ids. */
const anyFacesCase = anyHouseholdScenario.chain((scenario) =>
  fc.record({ scenario: fc.constant(scenario), scan: anyFacesScan(idsOf(scenario)), threshold: anyThreshold }),
);

/** Same, with at least one face. */
const anyNonEmptyFacesCase = anyHouseholdScenario.chain((scenario) =>
  fc.record({ scenario: fc.constant(scenario), scan: anyFacesScan(idsOf(scenario), { minFaces: 1 }), threshold: anyThreshold }),
);

/** Same, with any kind of scan. */
const anyScanCase = anyHouseholdScenario.chain((scenario) =>
  fc.record({ scenario: fc.constant(scenario), scan: anyFaceScan(idsOf(scenario)), threshold: anyThreshold }),
);

/** Candidates of a face that may count: the household's own visitors at or above the threshold. */
function eligible(face: DetectedFace, visitors: readonly Visitor[], threshold: number): FaceMatch[] {
  const ids = new Set<string>(visitors.map((visitor) => visitor.id));
  return face.matches.filter((match) => match.similarity >= threshold && ids.has(match.visitorId));
}

function topSimilarity(matches: readonly FaceMatch[]): number | undefined {
  return matches.length === 0 ? undefined : Math.max(...matches.map((match) => match.similarity));
}

const namedOf = (identification: Identification) => (identification.kind === 'known' ? identification.visitors : []);
const unknownOf = (identification: Identification): number =>
  identification.kind === 'known' || identification.kind === 'unknown' ? identification.unknownFaces : 0;

describe('identify: who is named', () => {
  it('names only visitors whose similarity is at or above the threshold', () => {
    fc.assert(
      fc.property(anyScanCase, ({ scenario, scan, threshold }) => {
        // Act
        const identification = identify(scan, scenario.visitors, threshold);

        // Assess
        for (const visitor of namedOf(identification)) expect(visitor.similarity).toBeGreaterThanOrEqual(threshold);
      }),
    );
  });

  it('names only the given household visitors: never another household’s, never an unknown id', () => {
    fc.assert(
      fc.property(anyScanCase, ({ scenario, scan, threshold }) => {
        // Prepare
        const own = new Map(scenario.visitors.map((visitor) => [visitor.id, visitor]));

        // Act
        const identification = identify(scan, scenario.visitors, threshold);

        // Assess
        for (const named of namedOf(identification)) {
          const visitor = own.get(named.visitorId);
          expect(visitor).toBeDefined();
          expect(named.name).toBe(visitor?.name);
          expect(named.trusted).toBe(visitor?.trusted);
          expect(scenario.otherHouseholdVisitors.map((other) => other.id)).not.toContain(named.visitorId);
        }
      }),
    );
  });

  it('never names a foreign visitor even when every face matches them perfectly', () => {
    fc.assert(
      fc.property(
        anyHouseholdScenario.filter((scenario) => scenario.otherHouseholdVisitors.length > 0),
        fc.integer({ min: 1, max: 5 }),
        (scenario, faceCount) => {
          // Prepare
          const faces = Array.from({ length: faceCount }, (_, index) => ({
            matches: [{ visitorId: scenario.otherHouseholdVisitors[index % scenario.otherHouseholdVisitors.length]!.id, similarity: 100 }],
          }));

          // Act
          const identification = identify({ kind: 'faces', faces }, scenario.visitors, 0);

          // Assess
          expect(identification).toEqual({ kind: 'unknown', unknownFaces: faceCount });
        },
      ),
    );
  });

  it('names each visitor at most once, however many faces match them', () => {
    fc.assert(
      fc.property(anyFacesCase, ({ scenario, scan, threshold }) => {
        // Act
        const ids = namedOf(identify(scan, scenario.visitors, threshold)).map((visitor) => visitor.visitorId);

        // Assess
        expect(new Set(ids).size).toBe(ids.length);
      }),
    );
  });

  it('reports a visitor matched by several faces once, with the best similarity among those faces', () => {
    fc.assert(
      fc.property(
        anyHouseholdScenario.filter((scenario) => scenario.visitors.length > 0),
        fc.integer({ min: 50, max: 99 }),
        fc.uniqueArray(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 6 }),
        (scenario, threshold, fractions) => {
          // Prepare: every face's best eligible candidate is `target`; others on the face are strictly lower.
          const target = scenario.visitors[0]!;
          const similarities = fractions.map((fraction) => threshold + fraction * (100 - threshold));
          const faces = similarities.map((similarity) => ({
            matches: [
              ...scenario.visitors.slice(1).map((other) => ({ visitorId: other.id, similarity: similarity / 2 })),
              { visitorId: target.id, similarity },
            ],
          }));

          // Act
          const identification = identify({ kind: 'faces', faces }, scenario.visitors, threshold);

          // Assess
          expect(identification).toEqual({
            kind: 'known',
            visitors: [{ visitorId: target.id, name: target.name, trusted: target.trusted, similarity: Math.max(...similarities) }],
            unknownFaces: 0,
          });
        },
      ),
    );
  });

  it('reports each named visitor with the top eligible similarity of a face naming them, and no face ranks them higher', () => {
    fc.assert(
      fc.property(anyFacesCase, ({ scenario, scan, threshold }) => {
        // Act
        const named = namedOf(identify(scan, scenario.visitors, threshold));

        // Assess
        for (const visitor of named) {
          const tops = scan.faces.flatMap((face) => {
            const top = topSimilarity(eligible(face, scenario.visitors, threshold));
            const theirs = face.matches.some((match) => match.visitorId === visitor.visitorId && match.similarity === top);
            return top !== undefined && theirs ? [top] : [];
          });
          expect(tops).toContain(visitor.similarity);
          // A face whose single best candidate is this visitor must not beat the reported similarity.
          const uncontested = scan.faces.flatMap((face) => {
            const candidates = eligible(face, scenario.visitors, threshold);
            const top = topSimilarity(candidates);
            const atTop = candidates.filter((match) => match.similarity === top);
            return atTop.length > 0 && atTop.every((match) => match.visitorId === visitor.visitorId) && top !== undefined ? [top] : [];
          });
          for (const similarity of uncontested) expect(visitor.similarity).toBeGreaterThanOrEqual(similarity);
        }
      }),
    );
  });

  it('orders named visitors by similarity, best first', () => {
    fc.assert(
      fc.property(anyFacesCase, ({ scenario, scan, threshold }) => {
        // Act
        const similarities = namedOf(identify(scan, scenario.visitors, threshold)).map((visitor) => visitor.similarity);

        // Assess
        expect(similarities).toEqual([...similarities].sort((a, b) => b - a));
      }),
    );
  });

  it('never adds a visitor when the threshold is raised', () => {
    fc.assert(
      fc.property(anyFacesCase, anyThreshold, ({ scenario, scan, threshold }, other) => {
        // Prepare
        const [low, high] = threshold <= other ? [threshold, other] : [other, threshold];

        // Act
        const atLow = namedOf(identify(scan, scenario.visitors, low)).map((visitor) => visitor.visitorId);
        const atHigh = namedOf(identify(scan, scenario.visitors, high)).map((visitor) => visitor.visitorId);

        // Assess
        for (const id of atHigh) expect(atLow).toContain(id);
      }),
    );
  });
});

describe('identify: counting faces', () => {
  it('accounts for every face at most once: named visitors + unknown faces ≤ faces, and ≥ 1 when there are faces', () => {
    fc.assert(
      fc.property(anyNonEmptyFacesCase, ({ scenario, scan, threshold }) => {
        // Act
        const identification = identify(scan, scenario.visitors, threshold);

        // Assess
        const accounted = namedOf(identification).length + unknownOf(identification);
        expect(accounted).toBeLessThanOrEqual(scan.faces.length);
        expect(accounted).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it('counts as unknown exactly the faces without an eligible match (own visitor at or above the threshold)', () => {
    fc.assert(
      fc.property(anyNonEmptyFacesCase, ({ scenario, scan, threshold }) => {
        // Prepare
        const expected = scan.faces.filter((face) => eligible(face, scenario.visitors, threshold).length === 0).length;

        // Act
        const identification = identify(scan, scenario.visitors, threshold);

        // Assess
        expect(unknownOf(identification)).toBe(expected);
      }),
    );
  });
});

describe('identify: outcome kinds', () => {
  it('is no-face for an empty list of faces and for a no-face scan, whatever the visitors', () => {
    fc.assert(
      fc.property(
        anyHouseholdScenario,
        anyThreshold,
        fc.constantFrom<FaceScan>({ kind: 'faces', faces: [] }, { kind: 'no-face' }),
        (scenario, threshold, scan) => {
          expect(identify(scan, scenario.visitors, threshold)).toEqual({ kind: 'no-face' });
        },
      ),
    );
  });

  it('is unavailable with the scan’s reason for an unreadable photo', () => {
    fc.assert(
      fc.property(anyHouseholdScenario, anyThreshold, anyUnreadableReason, (scenario, threshold, reason) => {
        expect(identify({ kind: 'unreadable', reason }, scenario.visitors, threshold)).toEqual({ kind: 'unavailable', reason });
      }),
    );
  });

  it('is unknown when faces exist but none has an eligible match, known otherwise', () => {
    fc.assert(
      fc.property(anyNonEmptyFacesCase, ({ scenario, scan, threshold }) => {
        // Prepare
        const anyEligible = scan.faces.some((face) => eligible(face, scenario.visitors, threshold).length > 0);

        // Act
        const identification = identify(scan, scenario.visitors, threshold);

        // Assess
        expect(identification.kind).toBe(anyEligible ? 'known' : 'unknown');
        if (identification.kind === 'known') expect(identification.visitors.length).toBeGreaterThan(0);
      }),
    );
  });

  it('uses the default threshold of 90 when none is given', () => {
    fc.assert(
      fc.property(anyFacesCase, ({ scenario, scan }) => {
        expect(identify(scan, scenario.visitors)).toEqual(identify(scan, scenario.visitors, DEFAULT_MATCH_THRESHOLD));
      }),
    );
  });
});

describe('identify: order of candidates', () => {
  /** The scan with each face's matches permuted by `orders` (sort keys, one per match). */
  const permuted = (scan: Extract<FaceScan, { kind: 'faces' }>, orders: readonly number[][]): FaceScan => ({
    kind: 'faces',
    faces: scan.faces.map((face, f) => ({
      matches: face.matches
        .map((match, m) => ({ match, key: orders[f]?.[m] ?? 0 }))
        .sort((a, b) => a.key - b.key)
        .map(({ match }) => match),
    })),
  });

  const anyReorderCase = anyFacesCase.chain((testCase) =>
    fc.record({
      testCase: fc.constant(testCase),
      orders: fc.tuple(
        ...testCase.scan.faces.map((face) => fc.array(fc.nat(), { minLength: face.matches.length, maxLength: face.matches.length })),
      ),
    }),
  );

  /** Two own visitors tie at the top of one face: listing order must not decide who is named (only Bob is trusted). */
  const tieExample = (() => {
    const householdId = 'home' as HouseholdId;
    const alice: Visitor = { id: 'alice' as VisitorId, householdId, name: 'Alice', trusted: false, faceIds: [], enrolledAt: 0 };
    const bob: Visitor = { id: 'bob' as VisitorId, householdId, name: 'Bob', trusted: true, faceIds: [], enrolledAt: 0 };
    const scan = {
      kind: 'faces' as const,
      faces: [
        {
          matches: [
            { visitorId: alice.id, similarity: 95 },
            { visitorId: bob.id, similarity: 95 },
          ],
        },
      ],
    };
    return {
      testCase: { scenario: { householdId, visitors: [alice, bob], otherHouseholdVisitors: [] }, scan, threshold: 90 },
      orders: [[1, 0]],
    };
  })();

  it('gives the same result whatever the order of the matches within each face (ties go to the lowest visitor id)', () => {
    fc.assert(
      fc.property(anyReorderCase, ({ testCase: { scenario, scan, threshold }, orders }) => {
        // Act
        const original = identify(scan, scenario.visitors, threshold);
        const reordered = identify(permuted(scan, orders), scenario.visitors, threshold);

        // Assess
        expect(reordered).toEqual(original);
      }),
      { examples: [[tieExample]] },
    );
  });

  it('gives the same result whatever the order of the matches within each face, when no two candidates of a face tie', () => {
    fc.assert(
      fc.property(
        anyReorderCase.filter(({ testCase }) =>
          testCase.scan.faces.every((face) => new Set(face.matches.map((match) => match.similarity)).size === face.matches.length),
        ),
        ({ testCase: { scenario, scan, threshold }, orders }) => {
          // Act
          const original = identify(scan, scenario.visitors, threshold);
          const reordered = identify(permuted(scan, orders), scenario.visitors, threshold);

          // Assess
          expect(reordered).toEqual(original);
        },
      ),
    );
  });
});

describe('trustedVisitors', () => {
  it('returns exactly the trusted named visitors, in order, and nothing for other outcomes', () => {
    fc.assert(
      fc.property(anyIdentification, (identification) => {
        // Act
        const trusted = trustedVisitors(identification);

        // Assess
        const expected = identification.kind === 'known' ? identification.visitors.filter((visitor) => visitor.trusted) : [];
        expect(trusted).toEqual(expected);
        expect(trusted.every((visitor) => visitor.trusted)).toBe(true);
      }),
    );
  });

  it('returns the trusted visitors identify names from a scan', () => {
    fc.assert(
      fc.property(anyScanCase, ({ scenario, scan, threshold }) => {
        // Prepare
        const identification = identify(scan, scenario.visitors, threshold);

        // Act
        const trusted = trustedVisitors(identification).map((visitor) => visitor.visitorId);

        // Assess
        const expected = namedOf(identification)
          .filter((named) => scenario.visitors.find((visitor) => visitor.id === named.visitorId)?.trusted === true)
          .map((visitor) => visitor.visitorId);
        expect(trusted).toEqual(expected);
      }),
    );
  });
});

describe('identify: examples', () => {
  const householdId = 'home-1' as HouseholdId;
  const alice: Visitor = { id: 'v-alice' as VisitorId, householdId, name: 'Alice', trusted: true, faceIds: [], enrolledAt: 0 };
  const bob: Visitor = { id: 'v-bob' as VisitorId, householdId, name: 'Bob', trusted: false, faceIds: [], enrolledAt: 0 };

  it('names Alice once when two faces match her, with her best similarity', () => {
    // Prepare
    const scan: FaceScan = {
      kind: 'faces',
      faces: [{ matches: [{ visitorId: alice.id, similarity: 93 }] }, { matches: [{ visitorId: alice.id, similarity: 97.5 }] }],
    };

    // Act
    const identification = identify(scan, [alice, bob]);

    // Assess
    expect(identification).toEqual({
      kind: 'known',
      visitors: [{ visitorId: alice.id, name: 'Alice', trusted: true, similarity: 97.5 }],
      unknownFaces: 0,
    });
  });

  it('names Alice and counts a stranger as one unknown face', () => {
    // Prepare
    const scan: FaceScan = {
      kind: 'faces',
      faces: [{ matches: [{ visitorId: alice.id, similarity: 99 }] }, { matches: [] }],
    };

    // Act
    const identification = identify(scan, [alice, bob]);

    // Assess
    expect(identification).toEqual({
      kind: 'known',
      visitors: [{ visitorId: alice.id, name: 'Alice', trusted: true, similarity: 99 }],
      unknownFaces: 1,
    });
  });

  it('treats a match just below the threshold, or of a forgotten visitor, as a stranger', () => {
    fc.assert(
      fc.property(
        anyVisitorId.filter((id) => id !== alice.id && id !== bob.id),
        anySimilarity,
        (forgotten, similarity) => {
          // Prepare
          const scan: FaceScan = {
            kind: 'faces',
            faces: [
              {
                matches: [
                  { visitorId: bob.id, similarity: 89.99 },
                  { visitorId: forgotten, similarity },
                ],
              },
            ],
          };

          // Act & Assess
          expect(identify(scan, [alice, bob])).toEqual({ kind: 'unknown', unknownFaces: 1 });
        },
      ),
    );
  });
});
