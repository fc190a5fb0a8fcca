/**
 * The tool facts of a run's provenance (conformance/report/provenance.ts): the version is package.json's both
 * from the sources and from the build (dist/ is one level deeper, where "../../package.json" is not the
 * checkout's). Spec: issue 11 "Device identity and provenance in every report" (changerbench's version).
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { findPackageRoot, readToolFacts } from '../../../conformance/report/provenance.js';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
const root = new URL('../../../', import.meta.url);

describe('conformance/report/provenance', () => {
  it('reads the version of package.json from the sources', () => {
    expect(readToolFacts().version).to.equal(pkg.version);
  });

  it('finds the checkout root from a module of the build (dist/conformance/report/)', () => {
    const fromDist = findPackageRoot(new URL('dist/conformance/report/provenance.js', root).href);
    expect(fromDist?.version).to.equal(pkg.version);
    expect(pathToFileURL(`${fromDist?.dir ?? ''}/`).href).to.equal(root.href);
  });

  it('finds nothing outside a changerbench checkout', () => {
    expect(findPackageRoot(pathToFileURL('/nonexistent/a/b.js').href)).to.equal(undefined);
  });
});
