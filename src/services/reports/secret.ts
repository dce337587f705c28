import { unprovenCells, type ProofCell, type ProofRow } from './secret-proof.js';

/**
 * The statistical secret of a public document, worked out over everything it publishes at once.
 *
 * Each count the document shows is a cell. What ties cells together: sums (the companies visited
 * and their split by sector family, by NAF section, by section inside each family, by size band,
 * by commune; a stake's companies and their split by family or band in a crossing; the actions
 * and their statuses; the visits and their months; the positions and their job families); parts
 * of a count (a crossing's cell is some of its family's companies, a stake's high-priority
 * companies some of its companies, the alerts transmitted some of those raised…), whose rest —
 * the count minus the part — is a count a reader works out too; covers (every company cites a
 * stake); and caps (no more companies than visits). A count under the threshold is masked,
 * rests included (primary secret; a rest is hidden by masking its part). Then, in three passes
 * repeated until none masks anything more (secondary secret):
 *
 *  1. local rules, cheap and most of the work: in a sum, the masked parts, if any, are at least
 *     two, and given the total each can still be anything from the least a reader can prove for
 *     it up to 5 or more; a sum whose total is masked holds the same rule (another sum may give
 *     the total) and never shows every part; a total with a single non-zero part is that part
 *     (both masked or neither); a cover never leaves a single part masked; a capped count masked
 *     masks its cap;
 *  2. bounds propagated through every sum, cover and cap (and the sums that follow from them,
 *     such as the companies not citing a stake split by family): a masked cell they pin down or
 *     keep under 5 gets company;
 *  3. the proof (secret-proof.ts): integer solutions of everything together, which must give each
 *     masked count two values, one of them 5 or more, and each masked rest 0 or 5 or more.
 *
 * Company for a cell: the smallest shown count of a sum it belongs to is masked, or, when none is
 * left, the sum's total. Every masked cell is printed with the same mark, whatever the reason,
 * so that a reader cannot tell a small count from a larger one masked to protect it.
 * test/services/statistical-secret.test.ts checks the result independently: it reads the
 * published document, not this plan, and proves the same on seeded and random years.
 */
export const SECRET_THRESHOLD = 5;

interface SecretCell {
  value: number;
  masked: boolean;
  /** A count the document does not print but a reader can work out: `bound` − `part`. */
  complementOf?: { part: string; bound: string };
}

export class SecretPlan {
  private readonly cells = new Map<string, SecretCell>();
  private readonly sums: { total: string; members: string[] }[] = [];
  private readonly covers: { covered: string; members: string[] }[] = [];
  private readonly caps: { part: string; bound: string }[] = [];
  /** Sums that follow from the others: only used to work out what a reader can prove. */
  private readonly impliedSums: { total: string; members: string[] }[] = [];

  /** A published count; masked from the start when `primary` (by default, when it is 1 to 4). */
  count(key: string, value: number, primary = value > 0 && value < SECRET_THRESHOLD): string {
    if (this.cells.has(key)) throw new Error(`Secret: cell ${key} declared twice`);
    this.cells.set(key, { value, masked: false });
    if (value > 0 && primary) this.mask(key);
    return key;
  }

  /** `total` is the sum of `members` (cells already declared). */
  sum(total: string, members: string[]): void {
    for (const key of [total, ...members]) this.cell(key);
    this.sums.push({ total, members });
  }

  /**
   * `part` counts some of what `bound` counts (the companies of a sector citing a stake, and the
   * sector's companies): the rest, `bound` − `part`, is a count a reader can work out, and is
   * secret like the others. Returns the rest's key.
   */
  atMost(part: string, bound: string): string {
    const key = `${bound} − ${part}`;
    const value = this.cell(bound).value - this.cell(part).value;
    if (value < 0) throw new Error(`Secret: ${part} is more than ${bound}`);
    this.cells.set(key, { value, masked: false, complementOf: { part, bound } });
    this.refresh(key);
    if (value > 0 && value < SECRET_THRESHOLD) this.mask(key);
    this.sum(bound, [part, key]);
    return key;
  }

  /** A sum that follows from the others (a reader can add them up): the rules need not hold on it, the audit uses it. */
  implied(total: string, members: string[]): void {
    for (const key of [total, ...members]) this.cell(key);
    this.impliedSums.push({ total, members });
  }

  /**
   * `part` is at most `bound`, which counts other things (the companies visited and the visits):
   * when the part is masked, the bound is masked too, or it would bound the part from above.
   */
  cap(part: string, bound: string): void {
    for (const key of [part, bound]) this.cell(key);
    this.caps.push({ part, bound });
  }

  /** The sum of `members` is at least `covered`. */
  cover(covered: string, members: string[]): void {
    for (const key of [covered, ...members]) this.cell(key);
    this.covers.push({ covered, members });
  }

  masked(key: string): boolean {
    return this.cell(key).masked;
  }

  /** Masks cells until every sum holds the rules above. */
  resolve(): this {
    for (;;) {
      do this.applyRules();
      while (this.audit());
      // The proof, over everything together: what it cannot show free gets company.
      const unproven = unprovenCells(this.proofCells(), this.proofRows());
      if (!unproven.length || !unproven.some((key) => this.widen(key))) return this;
    }
  }

  private proofCells(): Map<string, ProofCell> {
    return new Map(
      [...this.cells].map(([key, c]) => [
        key,
        { value: c.value, masked: c.masked && (c.value > 0 || !!c.complementOf), rest: !!c.complementOf },
      ]),
    );
  }

  private proofRows(): ProofRow[] {
    return [
      ...[...this.sums, ...this.impliedSums].map(
        ({ total, members }): ProofRow => ({
          terms: [[total, -1], ...members.map((m): [string, number] => [m, 1])],
          op: '=',
        }),
      ),
      ...this.covers.map(
        ({ covered, members }): ProofRow => ({
          terms: [[covered, -1], ...members.map((m): [string, number] => [m, 1])],
          op: '>=',
        }),
      ),
      ...this.caps.map(
        ({ part, bound }): ProofRow => ({
          terms: [
            [bound, 1],
            [part, -1],
          ],
          op: '>=',
        }),
      ),
    ];
  }

  /** The local rules, until none masks anything more. */
  private applyRules() {
    for (let changed = true; changed; ) {
      changed = false;
      this.computeLowerBounds();
      for (const { total, members } of this.sums) {
        if (this.protect(total, members)) {
          changed = true;
          this.computeLowerBounds();
        }
      }
      for (const { covered, members } of this.covers) if (this.protectCover(covered, members)) changed = true;
      for (const { part, bound } of this.caps) {
        if (this.cell(part).masked && this.mask(bound)) changed = true;
      }
    }
  }

  /**
   * What a reader can prove of each cell, by propagating bounds through every sum, cover and cap
   * (an outer estimate: the truth is within). A masked cell it pins down, or bounds under the
   * threshold, gets company: the smallest shown part of a sum it belongs to is masked. True when
   * something was masked.
   */
  private audit(): boolean {
    const bounds = this.propagate();
    for (const [key, c] of this.cells) {
      if (!c.masked || c.value === 0) continue;
      const [lo, hi] = bounds.get(key)!;
      const narrow = c.complementOf ? lo >= 1 && hi < SECRET_THRESHOLD : hi < SECRET_THRESHOLD || lo === hi;
      if (!narrow) continue;
      if (this.widen(key)) return true;
    }
    return false;
  }

  /**
   * Gives a masked cell company: the smallest shown count of a sum it (or, for a rest, its bound
   * or part) belongs to is masked — a printed count first, a rest (its part) next — or else the
   * total of such a sum. False when there is nothing left to mask around it.
   */
  private widen(key: string): boolean {
    const c = this.cell(key);
    // A rest is widened through its bound and its part: the sums they belong to.
    const around = c.complementOf ? [key, c.complementOf.bound, c.complementOf.part] : [key];
    const all = [...this.sums, ...this.impliedSums];
    const containing = all.filter((s) => around.some((k) => s.members.includes(k)));
    const shownIn = (members: string[], rests: boolean) =>
      members.filter((m) => !this.cell(m).masked && this.cell(m).value > 0 && !!this.cell(m).complementOf === rests);
    for (const rests of [false, true]) {
      for (const { members } of containing) {
        const shown = shownIn(members, rests);
        if (!shown.length) continue;
        if (this.mask(shown.reduce((min, m) => (this.cell(m).value < this.cell(min).value ? m : min)))) return true;
      }
    }
    for (const { total } of [...containing, ...all.filter((s) => s.total === key)]) if (this.mask(total)) return true;
    // Further away: the nearest shown counts through any tie (sums, covers, caps), the smallest first.
    const ties = [
      ...all.map((x) => [x.total, ...x.members]),
      ...this.caps.map((x) => [x.part, x.bound]),
      ...this.covers.map((x) => [x.covered, ...x.members]),
    ];
    const seen = new Set(around);
    for (let layer = around; layer.length; ) {
      const next = new Set<string>();
      for (const keys of ties)
        if (keys.some((k) => layer.includes(k))) for (const k of keys) if (!seen.has(k)) next.add(k);
      for (const k of next) seen.add(k);
      const shown = [...next]
        .filter((k) => !this.cell(k).masked && this.cell(k).value > 0)
        .sort(
          (a, b) =>
            Number(!!this.cell(a).complementOf) - Number(!!this.cell(b).complementOf) ||
            this.cell(a).value - this.cell(b).value,
        );
      for (const k of shown) if (this.mask(k)) return true;
      layer = [...next];
    }
    return false;
  }

  private propagate(): Map<string, [number, number]> {
    const b = new Map<string, [number, number]>();
    for (const [key, c] of this.cells)
      b.set(key, c.masked ? [c.complementOf || c.value === 0 ? 0 : 1, Infinity] : [c.value, c.value]);
    const tighten = (key: string, lo: number, hi: number) => {
      const [l, h] = b.get(key)!;
      const nl = Math.max(l, lo);
      const nh = Math.min(h, hi);
      if (nl === l && nh === h) return false;
      b.set(key, [nl, nh]);
      return true;
    };
    // Sums of bounds, the infinite upper ones counted apart (∞ − ∞ has no meaning).
    const sumOf = (keys: string[]) => {
      let lo = 0;
      let hi = 0;
      let infinite = 0;
      for (const k of keys) {
        const [l, h] = b.get(k)!;
        lo += l;
        if (h === Infinity) infinite++;
        else hi += h;
      }
      return {
        lo,
        hi: infinite ? Infinity : hi,
        othersHi: (k: string) => {
          const h = b.get(k)![1];
          const inf = infinite - (h === Infinity ? 1 : 0);
          return inf ? Infinity : hi - (h === Infinity ? 0 : h);
        },
      };
    };
    for (let round = 0, changed = true; changed && round < 200; round++) {
      changed = false;
      for (const { total, members } of [...this.sums, ...this.impliedSums]) {
        const s = sumOf(members);
        if (tighten(total, s.lo, s.hi)) changed = true;
        const [tl, th] = b.get(total)!;
        for (const m of members) {
          const [ml] = b.get(m)!;
          if (tighten(m, tl - s.othersHi(m), th - (s.lo - ml))) changed = true;
        }
      }
      for (const { covered, members } of this.covers) {
        const s = sumOf(members);
        if (tighten(covered, 0, s.hi)) changed = true;
        const [cl] = b.get(covered)!;
        for (const m of members) if (tighten(m, cl - s.othersHi(m), Infinity)) changed = true;
      }
      for (const { part, bound } of this.caps) {
        if (tighten(part, 0, b.get(bound)![1])) changed = true;
        if (tighten(bound, b.get(part)![0], Infinity)) changed = true;
      }
    }
    return b;
  }

  /**
   * The least value a reader can prove for each masked cell: 1 for a masked cell (zero would show
   * « — »; 0 for a rest, which may be zero), or more when it is a total of parts some shown, some
   * masked — the shown ones plus at least the least of each masked one.
   */
  private lower = new Map<string, number>();
  private computeLowerBounds() {
    const lower = new Map<string, number>();
    const of = (key: string) => {
      const c = this.cell(key);
      if (!c.masked) return c.value;
      return lower.get(key) ?? (c.complementOf || c.value === 0 ? 0 : 1);
    };
    for (let changed = true; changed; ) {
      changed = false;
      for (const { total, members } of this.sums) {
        if (!this.cell(total).masked) continue;
        const least = members.reduce((sum, m) => sum + of(m), 0);
        if (least > of(total)) {
          lower.set(total, least);
          changed = true;
        }
      }
    }
    this.lower = lower;
  }
  private lowerOf(key: string): number {
    const c = this.cell(key);
    if (!c.masked) return c.value;
    return this.lower.get(key) ?? (c.complementOf || c.value === 0 ? 0 : 1);
  }
  /** The least a reader could prove for a shown cell were it masked. */
  private lowerIfMasked(key: string): number {
    const c = this.cell(key);
    if (c.complementOf) return 0;
    let least = 1;
    for (const { total, members } of this.sums)
      if (total === key)
        least = Math.max(
          least,
          members.reduce((s, m) => s + this.lowerOf(m), 0),
        );
    return least;
  }

  private cell(key: string): SecretCell {
    const cell = this.cells.get(key);
    if (!cell) throw new Error(`Secret: unknown cell ${key}`);
    return cell;
  }

  /** A rest is unknown as soon as its part or its bound is. */
  private refresh(key: string) {
    const c = this.cell(key);
    if (c.complementOf) c.masked = this.cell(c.complementOf.part).masked || this.cell(c.complementOf.bound).masked;
  }

  /** Masks a printed count; a rest is hidden by masking its part (its bound when the part is zero). */
  private mask(key: string): boolean {
    const c = this.cell(key);
    if (c.masked) return false;
    if (c.complementOf) {
      const part = this.cell(c.complementOf.part);
      return this.mask(part.value > 0 ? c.complementOf.part : c.complementOf.bound);
    }
    if (c.value === 0) return false; // zero is never secret: it stays « — »
    c.masked = true;
    for (const [k, other] of this.cells) if (other.complementOf) this.refresh(k);
    return true;
  }

  /** One cover: a lone masked part would be at least the covered count minus the shown ones. */
  private protectCover(coveredKey: string, memberKeys: string[]): boolean {
    const covered = this.cell(coveredKey);
    if (covered.masked) return false;
    const parts = memberKeys.map((key) => [key, this.cell(key)] as const).filter(([, c]) => c.value > 0);
    const masked = parts.filter(([, c]) => c.masked);
    const shown = parts.filter(([, c]) => !c.masked);
    if (masked.length !== 1 || covered.value - shown.reduce((s, [, c]) => s + c.value, 0) <= 1 || shown.length === 0)
      return false;
    return this.mask(shown.reduce((min, c) => (c[1].value < min[1].value ? c : min))[0]);
  }

  /** One sum: masks one more cell when it needs one (true), or nothing (false). */
  private protect(totalKey: string, memberKeys: string[]): boolean {
    const total = this.cell(totalKey);
    const parts = memberKeys.map((key) => [key, this.cell(key)] as const).filter(([, c]) => c.value > 0);
    if (parts.length === 0) return false;
    if (parts.length === 1) {
      const [onlyKey, only] = parts[0]!;
      if (only.masked === total.masked) return false;
      return this.mask(only.masked ? totalKey : onlyKey);
    }
    const masked = parts.filter(([, c]) => c.masked);
    // Given the total, each masked part can be anything from its least value up to that plus the slack.
    const slack = masked.reduce((s, [key, c]) => s + c.value - this.lowerOf(key), 0);
    const wide = (key: string, c: SecretCell) =>
      c.complementOf
        ? this.lowerOf(key) === 0 || this.lowerOf(key) + slack >= SECRET_THRESHOLD
        : this.lowerOf(key) + slack >= SECRET_THRESHOLD;
    const safe =
      masked.length === 0
        ? !total.masked
        : masked.length >= 2 && slack >= 1 && masked.every(([key, c]) => wide(key, c));
    if (safe) return false;
    const shown = parts.filter(([, c]) => !c.masked);
    if (shown.length) {
      // The smallest that brings some slack (a part whose own parts are all shown brings none until they are masked).
      // A printed count rather than a rest (masking a rest masks its part, or its bound).
      const printed = shown.filter(([, c]) => !c.complementOf);
      const candidates = printed.length ? printed : shown;
      const gaining = candidates.filter(([key, c]) => c.value > this.lowerIfMasked(key));
      const pick = (gaining.length ? gaining : candidates).reduce((min, c) => (c[1].value < min[1].value ? c : min));
      return this.mask(pick[0]);
    }
    if (total.masked) return false;
    return this.mask(totalKey);
  }
}
