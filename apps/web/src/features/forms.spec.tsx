/**
 * @jest-environment ./apps/web/src/testing/jsdom-environment.cjs
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { Me } from '../api/types';
import ja from '../i18n/ja.json';
import { addDays, localToday } from '../lib/format';
import { renderApp } from '../testing/render';
import { scriptedApi } from '../testing/server';
import campaignsJa from './campaigns/i18n/ja.json';
import { NewCampaignPage } from './campaigns/NewCampaignPage';
import { AddSupplierForm } from './suppliers/AddSupplierForm';

const me: Me = {
  user: { id: 'u1', email: 'buyer@oem.test', name: '購買 花子', locale: 'ja' },
  memberships: [{ organizationId: 'o1', organizationName: '自動車工業', role: 'procurement' }],
};

afterEach(cleanup);

describe('add-supplier form', () => {
  it('refuses a corporate number that is not 13 digits, then sends the cleaned-up supplier and starts afresh', async () => {
    const api = scriptedApi();
    renderApp(<AddSupplierForm orgId="o1" />);
    const field = (label: string) => screen.getByLabelText(label, { exact: false }) as HTMLInputElement;

    fireEvent.change(field(ja.addSupplier.name), { target: { value: '  瑞穂電装株式会社 ' } });
    fireEvent.change(field(ja.addSupplier.corporateNumber), { target: { value: '12345' } });
    fireEvent.click(screen.getByRole('button', { name: ja.addSupplier.submit }));
    // Nothing is sent while the number is wrong: the first request below is the corrected one.

    fireEvent.change(field(ja.addSupplier.corporateNumber), { target: { value: '1234567890123' } });
    fireEvent.change(field(ja.addSupplier.contactEmail), { target: { value: ' it@mizuho.test ' } });
    fireEvent.change(field(ja.addSupplier.tags), { target: { value: 'press、板金, press,' } });
    fireEvent.change(field(ja.addSupplier.criticality), { target: { value: 'high' } });
    fireEvent.click(field(ja.addSupplier.discloseUpstream));
    fireEvent.click(screen.getByRole('button', { name: ja.addSupplier.submit }));

    const request = await api.next();
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/api/orgs/o1/suppliers');
    expect(request.body).toEqual({
      name: '瑞穂電装株式会社',
      corporateNumber: '1234567890123',
      contactEmail: 'it@mizuho.test',
      tags: ['press', '板金'],
      criticality: 'high',
      discloseUpstream: true,
    });
    request.respond(201, { id: 'link-1' });
    await screen.findByText(ja.addSupplier.done.replace('{{name}}', '瑞穂電装株式会社'));
    expect(field(ja.addSupplier.name).value).toBe('');
    expect(field(ja.addSupplier.tags).value).toBe('');
    expect(api.sent).toHaveLength(1);
  });
});

describe('new-campaign form', () => {
  const reads = {
    '/api/catalogues': {
      items: [
        {
          id: 'meti-scs',
          version: '1.0',
          title: { ja: 'サプライチェーン強化に向けたセキュリティ対策評価制度', en: 'METI SCS' },
          scoring: 'levels',
          provisional: false,
          origin: 'built-in',
        },
      ],
    },
    '/api/orgs/o1/network': { items: [], nextCursor: null, total: 0 },
  };

  it('asks whom to send it to before anything is sent, then creates the draft with the chosen selection', async () => {
    const api = scriptedApi(reads);
    renderApp(<NewCampaignPage />, {
      route: '/orgs/o1/campaigns/new',
      path: '/orgs/:orgId/campaigns/new',
      me,
    });
    await waitFor(() =>
      expect((screen.getByTestId('campaign-catalogue') as HTMLSelectElement).value).toBe('meti-scs'),
    );
    fireEvent.change(screen.getByTestId('campaign-title'), { target: { value: ' 2027年度 自己評価 ' } });

    fireEvent.click(screen.getByTestId('campaign-create'));
    await screen.findByText(campaignsJa.new.selectionMissing);
    expect(api.sent).toEqual([]);

    fireEvent.click(screen.getByTestId('campaign-tier-1'));
    fireEvent.change(screen.getByTestId('campaign-tags'), { target: { value: 'press、板金' } });
    expect(screen.queryByText(campaignsJa.new.selectionMissing)).toBeNull();
    fireEvent.click(screen.getByTestId('campaign-create'));

    const request = await api.next();
    expect(request.path).toBe('/api/orgs/o1/campaigns');
    expect(request.body).toEqual({
      title: '2027年度 自己評価',
      message: campaignsJa.new.defaultMessage.trim(),
      catalogueId: 'meti-scs',
      catalogueVersion: '1.0',
      dueDate: addDays(localToday(), 42),
      locale: 'ja',
      selection: { tiers: [1], tags: ['press', '板金'] },
    });
    expect((screen.getByTestId('campaign-create') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('campaign-create').textContent).toBe(campaignsJa.new.creating);
    expect(api.sent).toHaveLength(1);
  });
});
