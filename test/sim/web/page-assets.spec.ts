/** The lab view's page assets: the script parses, the page names only this server's assets and carries the token. */
import { expect } from 'chai';
import { Script } from 'node:vm';
import { labPageHtml } from '../../../sim/web/page-html.js';
import { LAB_PAGE_SCRIPT } from '../../../sim/web/page-script.js';

describe('sim/web page assets', () => {
  it('serves a script that parses as JavaScript, in strict mode', () => {
    expect(() => new Script(LAB_PAGE_SCRIPT)).to.not.throw();
    expect(LAB_PAGE_SCRIPT).to.match(/^\(function \(\) \{\n'use strict';/);
  });

  it('has no inline script or style and no external assets; the token is escaped into a meta element', () => {
    const html = labPageHtml('ab"<c');
    expect(html).to.include('<meta name="changerbench-token" content="ab&quot;&lt;c">');
    expect(html).to.not.match(/<script>|style="|https?:\/\//);
    expect(html.match(/(?:src|href)="([^"]+)"/g)).to.deep.equal(['href="/lab.css"', 'src="/lab.js"']);
  });
});
