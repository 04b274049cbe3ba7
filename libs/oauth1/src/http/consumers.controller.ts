import { Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, PUBLIC_ENDPOINT, baseUrl, collection, validateBody } from '@keystone-ts/core';
import { ValidationError, type ConsumerRecord } from '@keystone-ts/plugin-sdk';
import { OAuth1Manager } from '../oauth1.manager';
import { consumerCreateSchema, consumerUpdateSchema } from './oauth1.schemas';

/** /v3/OS-OAUTH1/consumers: the secret is in the creation answer only. */
@Controller('v3/OS-OAUTH1/consumers')
export class ConsumersController {
  constructor(
    private readonly oauth1: OAuth1Manager,
    private readonly authz: Authorizer,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest) {
    await this.authz.enforce(req, 'identity:list_consumers');
    const base = baseUrl(req, this.publicEndpoint);
    return collection('consumers', (await this.oauth1.listConsumers()).map((c) => render(c, base)), `${base}${req.url}`);
  }

  @Post()
  @HttpCode(201)
  async create(@Req() req: FastifyRequest) {
    const body = validateBody<{ consumer?: Record<string, unknown> }>(consumerCreateSchema, req.body ?? {});
    await this.authz.enforce(req, 'identity:create_consumer');
    return { consumer: render(await this.oauth1.createConsumer(body.consumer ?? {}), baseUrl(req, this.publicEndpoint)) };
  }

  @Get(':consumer_id')
  async get(@Req() req: FastifyRequest, @Param('consumer_id') id: string) {
    await this.authz.enforce(req, 'identity:get_consumer', { params: { consumer_id: id } });
    return { consumer: render(await this.oauth1.getConsumer(id), baseUrl(req, this.publicEndpoint)) };
  }

  @Patch(':consumer_id')
  async update(@Req() req: FastifyRequest, @Param('consumer_id') id: string) {
    const body = validateBody<{ consumer: Record<string, unknown> }>(consumerUpdateSchema, req.body);
    await this.authz.enforce(req, 'identity:update_consumer', { params: { consumer_id: id } });
    if (body.consumer.id !== undefined && body.consumer.id !== null && body.consumer.id !== id) throw new ValidationError('Cannot change ID');
    return { consumer: render(await this.oauth1.updateConsumer(id, body.consumer), baseUrl(req, this.publicEndpoint)) };
  }

  @Delete(':consumer_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('consumer_id') id: string): Promise<void> {
    await this.authz.enforce(req, 'identity:delete_consumer', { params: { consumer_id: id } });
    await this.oauth1.deleteConsumer(id);
  }
}

function render(c: ConsumerRecord, base: string): Record<string, unknown> {
  return { ...c, links: { self: `${base}/v3/OS-OAUTH1/consumers/${c.id}` } };
}
