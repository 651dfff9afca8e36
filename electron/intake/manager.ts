// One phone intake at a time, started from an item or the evidence library: picks the
// listen address (the setting, else this computer's LAN IPv4), starts the short-lived
// server, and draws the QR code of its one-time link.
import { networkInterfaces } from 'node:os';
import QRCode from 'qrcode';
import { ApiError } from '../../shared/api/define';
import type { Core } from '../services/core';
import type { EvidenceLink } from '../services/evidence';
import { startIntake, type IntakeSession } from './intakeServer';

export const INTAKE_MINUTES = 5;
/** Phone videos of a drill fit; anything bigger belongs on the desktop. */
export const INTAKE_MAX_BYTES = 500 * 1024 * 1024;
export const INTAKE_MAX_FILES = 100;

/** The first non-internal IPv4 address (Wi-Fi or Ethernet), or null when offline. */
export function lanAddress(): string | null {
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return null;
}

export interface IntakeStatus {
  active: boolean;
  url: string;
  expiresAt: string;
  received: { id: string; originalName: string }[];
}

export class IntakeManager {
  private session: IntakeSession | null = null;

  constructor(private readonly core: Core) {}

  async start(target: { link?: EvidenceLink; eventId?: string }, minutes = INTAKE_MINUTES): Promise<IntakeStatus & { qr: { size: number; modules: string } }> {
    // Check the target now, so a bad one fails here and not on the phone.
    let label = '佐证材料库 · Evidence library';
    if (target.link) {
      const a = this.core.assessments.requireEditable(target.link.assessmentId);
      const item = this.core.templates.item(a.templateId, a.templateVersion, target.link.itemCode);
      if (!item) throw new ApiError('invalid_args', 'answer.unknownItem', { itemCode: target.link.itemCode });
      label = `${item.code} ${item.title['zh-CN']}`;
    } else if (target.eventId) label = this.core.events.get(target.eventId).title;
    const host = this.core.settings.get().intakeAddress || lanAddress();
    if (!host) throw new ApiError('invalid_args', 'intake.noAddress');
    await this.stop();
    this.session = await startIntake({
      core: this.core,
      host,
      target: { ...target, label },
      ttlMs: minutes * 60_000,
      maxBytes: INTAKE_MAX_BYTES,
      maxFiles: INTAKE_MAX_FILES,
    });
    const code = QRCode.create(this.session.url, { errorCorrectionLevel: 'M' });
    const modules = Array.from(code.modules.data, (d) => (d ? '1' : '0')).join('');
    return { ...this.describe(this.session), qr: { size: code.modules.size, modules } };
  }

  status(): IntakeStatus | null {
    return this.session ? this.describe(this.session) : null;
  }

  async stop(): Promise<void> {
    await this.session?.stop();
  }

  private describe(s: IntakeSession): IntakeStatus {
    return {
      active: s.active,
      url: s.url,
      expiresAt: s.expiresAt.toISOString(),
      received: s.received.map((f) => ({ id: f.id, originalName: f.originalName })),
    };
  }
}
