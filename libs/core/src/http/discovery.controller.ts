import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { JsonHomeRegistry } from './json-home';
import { baseUrl } from './base-url';
import { PUBLIC_ENDPOINT } from './tokens';

const JSON_HOME = 'application/json-home';

/** Version discovery: `/` (300 Multiple Choices) and `/v3`, JSON or JSON-Home. */
@Controller()
export class DiscoveryController {
  constructor(
    private readonly jsonHome: JsonHomeRegistry,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get('/')
  root(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    if (wantsJsonHome(req)) {
      void reply.header('content-type', JSON_HOME).send(this.jsonHome.document('/v3'));
      return;
    }
    const url = `${baseUrl(req, this.publicEndpoint)}/v3/`;
    void reply.status(300).header('Location', url).send({ versions: { values: [v3Version(url)] } });
  }

  @Get('/v3')
  v3(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    if (wantsJsonHome(req)) {
      void reply.header('content-type', JSON_HOME).send(this.jsonHome.document());
      return;
    }
    void reply.send({ version: v3Version(`${baseUrl(req, this.publicEndpoint)}/v3/`) });
  }
}

function v3Version(url: string) {
  return {
    id: 'v3.14',
    status: 'stable',
    updated: '2020-04-07T00:00:00Z',
    links: [{ rel: 'self', href: url }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
  };
}

/** Werkzeug's best_match between JSON and JSON-Home: JSON wins ties and an absent header. */
function wantsJsonHome(req: FastifyRequest): boolean {
  const accept = req.headers.accept;
  if (!accept) return false;
  let home = -1;
  let json = -1;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().split(';');
    const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? '1');
    const t = type.trim().toLowerCase();
    if (t === JSON_HOME) home = Math.max(home, q);
    else if (t === 'application/json' || t === 'application/*' || t === '*/*') json = Math.max(json, t === 'application/json' ? q : q - 0.0001);
  }
  return home > 0 && home > json;
}
